using System.Text.Json;
using System.Text.Json.Serialization;

namespace RydBox.Simulator.Scenarios;

/// <summary>Ground truth files: one JSON document per vehicle, one per line, so a fleet's file streams.</summary>
public static class GroundTruthFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // A line missing a field (records, a device id) is damaged, not a vehicle with nulls in it.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static void Write(string path, IEnumerable<GroundTruth> vehicles)
    {
        using var writer = new StreamWriter(path);
        foreach (GroundTruth truth in vehicles)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Document(truth.DeviceId, truth.Scenario, truth.Seed, truth.Records), Json));
        }
    }

    public static IReadOnlyList<GroundTruth> Read(string path)
    {
        var vehicles = new List<GroundTruth>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            Document document;
            try
            {
                document = JsonSerializer.Deserialize<Document>(text, Json) ?? throw new JsonException("null document");
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                // NotSupportedException: a record without its "kind", which cannot be made into any record type.
                throw new InvalidDataException($"{path}:{line}: not a ground truth record ({e.Message})", e);
            }

            var truth = new GroundTruth(document.DeviceId, document.Scenario, document.Seed);
            foreach (TruthRecord record in document.Records)
            {
                truth.Add(record);
            }

            vehicles.Add(truth);
        }

        return vehicles;
    }

    private sealed record Document(string DeviceId, string Scenario, int Seed, IReadOnlyList<TruthRecord> Records);
}
