using System.Text.Json;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Testing.Influx;

namespace RydBox.Gateway.Tests.Influx;

/// <summary>A test that needs influxd: skipped with the reason where it is missing, run (and failing) under CI=true.</summary>
public sealed class InfluxFactAttribute : FactAttribute
{
    public InfluxFactAttribute() => Skip = InfluxServer.SkipReason;
}

[CollectionDefinition(Name)]
public sealed class InfluxCollection : ICollectionFixture<SharedInflux>
{
    public const string Name = "influxd";
}

/// <summary>One influxd for the collection, started at first use; each test writes into a database of its own.</summary>
public sealed class SharedInflux : IDisposable
{
    private readonly Lazy<InfluxServer> _server = new(() => new InfluxServer());

    public InfluxServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

internal static class Influx
{
    /// <summary>Quick retries, so failure tests stay short.</summary>
    public static InfluxStoreTuning FastTuning(int attempts = 2) =>
        new() { Attempts = attempts, RetryDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(10) };

    public static string NewDatabase() => "rydbox_" + Guid.NewGuid().ToString("N")[..12];

    public static InfluxTelemetryStore V1Store(InfluxServer server, string database, InfluxStoreTuning? tuning = null, string? user = null, string? password = null) =>
        new(new InfluxOptions { Url = server.Address.ToString(), ApiVersion = InfluxApiVersion.V1, Database = database, Username = user, Password = password },
            tuning ?? FastTuning());

    /// <summary>The count of points a device has, straight from InfluxQL.</summary>
    public static long CountPoints(InfluxServer server, string database, string deviceId)
    {
        string json = server.Execute($"SELECT count(sequence) FROM telemetry WHERE device = {InfluxQl.String(deviceId)}", database);
        using var document = JsonDocument.Parse(json);
        JsonElement result = document.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out JsonElement series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
    }

    /// <summary>Samples in a form that compares by value: time, and the values in signal id order.</summary>
    public static object Comparable(IEnumerable<TelemetrySample> samples) =>
        samples.Select(s => new { s.UnixMilliseconds, Values = s.Values.OrderBy(v => v.SignalId).ToArray() }).ToArray();
}

/// <summary>Batches as boxes send them: made with the firmware core's encoder, decoded by the contract library.</summary>
internal static class Batches
{
    public const long BaseTime = 1_715_671_800_000; // 2024-05-14 07:30:00 UTC

    public static readonly int Rpm = SignalIds.ForPid(0x0C, 0);
    public static readonly int Speed = SignalIds.ForPid(0x0D, 0);
    public static readonly int Coolant = SignalIds.ForPid(0x05, 0);
    public static readonly int O2Trim = SignalIds.ForPid(0x14, 1);
    public static readonly int UnknownPid = SignalIds.ForPid(0xE1, 0);
    public const int UnknownBoxSignal = 5000;

    /// <summary>
    /// A batch of <paramref name="rows"/> rows, one every <paramref name="stepMs"/> from
    /// <paramref name="firstMs"/>: GNSS and rpm in every row, speed every other row, coolant
    /// every fifth, an O2 trim, an unknown PID with negative values, an unknown box signal, and
    /// (with <paramref name="withEmptyRow"/>) a row without any signal.
    /// </summary>
    public static IngestedBatch Make(string deviceId, long sequence, long firstMs, int rows = 10, int stepMs = 1000, string tenantId = "acme", bool withEmptyRow = false)
    {
        var batch = new TelemetryBatch(rows, 16);
        for (int r = 0; r < rows; r++)
        {
            batch.BeginRow(firstMs + (long)r * stepMs).Should().BeTrue();
            if (withEmptyRow && r == rows / 2)
            {
                continue;
            }

            long k = sequence * 100 + r;
            batch.Set(SignalIds.Latitude, 481_371_540 + k * 120);
            batch.Set(SignalIds.Longitude, 115_761_240 - k * 37);
            batch.Set(SignalIds.GnssSpeed, 500 + (k % 7));
            batch.Set(Rpm, 8000 + k * 3);
            if (r % 2 == 0)
            {
                batch.Set(Speed, 50 + k % 5);
            }

            if (r % 5 == 0)
            {
                batch.Set(Coolant, 130 + k % 3);
                batch.Set(O2Trim, 128 - k % 9);
                batch.Set(SignalIds.SupplyVoltage, 12_650 - k);
            }

            if (r % 3 == 1)
            {
                batch.Set(UnknownPid, -77 - k);
                batch.Set(UnknownBoxSignal, k * 1_000_000_007);
            }
        }

        return Ingest(deviceId, tenantId, batch, sequence);
    }

    public static IngestedBatch Ingest(string deviceId, string tenantId, TelemetryBatch batch, long sequence)
    {
        var buffer = new byte[16 * 1024];
        int length = new TelemetryEncoder().Encode(batch, sequence, buffer);
        length.Should().BePositive("the batch fits the buffer");
        byte[] payload = buffer[..length];
        return new IngestedBatch(deviceId, tenantId, TelemetryDecoder.Decode(payload), payload, DateTimeOffset.UtcNow);
    }

    public static DateTimeOffset At(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
