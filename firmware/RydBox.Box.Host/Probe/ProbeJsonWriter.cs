using System.Text.Json;
using System.Text.Json.Serialization;

namespace RydBox.Box.Host.Probe;

/// <summary>Writes a probe report as JSON, for scripts and bug reports.</summary>
public static class ProbeJsonWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(ProbeReport report, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(report, Options));

    public static ProbeReport Read(string json) =>
        JsonSerializer.Deserialize<ProbeReport>(json, Options) ?? throw new JsonException("empty probe report");
}
