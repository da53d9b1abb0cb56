using System.Globalization;
using System.Text.Json;
using RydBox.Contract;
using RydBox.Firmware.Wire;

namespace RydBox.Benchmarks.Wire;

/// <summary>
/// Bytes on the wire for a ten-minute drive sent as ten-second batches: CBOR v1 beside the same
/// samples as plain JSON (one object per sample, named fields). Goal: at most 24 bytes per sample.
/// </summary>
public static class WireSizeBenchmark
{
    public const int BatchSeconds = 10;

    /// <summary>A box some months into service: sequence numbers above 65535 take five bytes.</summary>
    public const long FirstSequence = 250_000;

    public static int Run(string[] args)
    {
        int seed = Option(args, "--seed", 7);
        int seconds = Option(args, "--seconds", 600);
        List<DriveSample> drive = DriveStream.Generate(seed, seconds);
        int values = drive.Sum(s => s.Values.Count);

        long cbor = 0;
        var batch = new TelemetryBatch(BatchSeconds, 32);
        var encoder = new TelemetryEncoder();
        var buffer = new byte[4096];
        int batches = 0;
        var breakdown = new PayloadBreakdown();
        for (int from = 0; from < drive.Count; from += BatchSeconds)
        {
            DriveStream.Fill(batch, drive, from, BatchSeconds);
            int length = encoder.Encode(batch, FirstSequence + batches, buffer);
            if (length <= 0)
            {
                Console.Error.WriteLine($"batch {batches} did not encode ({length})");
                return 1;
            }

            TelemetryDecoder.Decode(buffer.AsMemory(0, length)); // the figures count only payloads the gateway accepts
            breakdown.Add(buffer.AsMemory(0, length));
            cbor += length;
            batches++;
        }

        long jsonRaw = drive.Sum(s => JsonSample(s, scaled: false).Length);
        long jsonScaled = drive.Sum(s => JsonSample(s, scaled: true).Length);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Drive: seed {seed}, {drive.Count} samples (1 Hz), {values} values ({values / (double)drive.Count:0.0} per sample), {batches} batches of {BatchSeconds} s"));
        Console.WriteLine("  fast 1 s: vehicle_speed engine_rpm throttle_position engine_load; medium 5 s: fuel_level maf_air_flow intake_air_temp;");
        Console.WriteLine("  slow 30 s: coolant_temp ambient_air_temp control_module_voltage; GNSS 1 Hz: position, speed, course, altitude, hdop, satellites");
        Console.WriteLine();
        Console.WriteLine($"{"format",-44} {"bytes",9} {"B/sample",9} {"B/value",8} {"vs CBOR",8}");
        Row("CBOR v1 (10 s batches)", cbor, drive.Count, values, cbor);
        Row("JSON, raw integers as on the wire", jsonRaw, drive.Count, values, cbor);
        Row("JSON, values in their units", jsonScaled, drive.Count, values, cbor);
        Console.WriteLine();
        Console.WriteLine("CBOR v1 bytes per sample, by part:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"header: version, sequence, times, groups",-40} {breakdown.HeaderBytes / (double)drive.Count,6:0.00}"));
        foreach (var (name, bytes) in breakdown.Columns)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} {bytes / (double)drive.Count,6:0.00}"));
        }

        Console.WriteLine();
        double perSample = cbor / (double)drive.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CBOR v1: {perSample:0.0} bytes/sample (goal <= 24: {(perSample <= 24 ? "met" : "MISSED")}), JSON/CBOR = {jsonRaw / (double)cbor:0.0}x (raw integers), {jsonScaled / (double)cbor:0.0}x (units)"));
        return perSample <= 24 ? 0 : 2;
    }

    /// <summary>One sample as a JSON object: {"time":…,"latitude":…,…}, compact, names from the signal catalog.</summary>
    public static byte[] JsonSample(DriveSample sample, bool scaled)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("time", sample.UnixMilliseconds);
            foreach (var (id, raw) in sample.Values)
            {
                SignalInfo info = SignalCatalog.Describe(id);
                if (scaled)
                {
                    // Rounded to the signal's resolution, as a hand-written JSON API would print it.
                    double value = info.Scale(raw);
                    double step = Math.Abs(info.Scale(raw + 1) - value);
                    int decimals = step >= 1 ? 0 : Math.Min(7, (int)Math.Ceiling(-Math.Log10(step)));
                    json.WriteNumber(info.Name, Math.Round(value, decimals));
                }
                else
                {
                    json.WriteNumber(info.Name, raw);
                }
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Row(string name, long bytes, int samples, int values, long cbor) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-44} {bytes,9} {bytes / (double)samples,9:0.0} {bytes / (double)values,8:0.00} {bytes / (double)cbor,7:0.0}x"));

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int value) ? value : fallback;
    }
}
