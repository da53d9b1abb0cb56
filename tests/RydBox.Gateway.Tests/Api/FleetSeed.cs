using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Api;

/// <summary>
/// Two tenants' fleets stored the way the gateway stores them: rows by SQL, telemetry through the
/// real ITelemetryStore with batches the box's own encoder wrote and the contract decoded.
/// Tenant A: car-a1 (busy) and car-a2 (never heard from); tenant B: car-b1.
/// </summary>
public sealed class FleetSeed
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";
    public const string CarA1 = "car-a1";
    public const string CarA2 = "car-a2";
    public const string CarB1 = "car-b1";

    /// <summary>2025-03-01T10:00:00Z, on a whole minute so 1m buckets start at T0.</summary>
    public static readonly long T0 = DateTimeOffset.Parse("2025-03-01T10:00:00Z").ToUnixTimeMilliseconds();

    public static readonly int Rpm = SignalIds.ForPid(0x0C, 0);
    public static readonly int Speed = SignalIds.ForPid(0x0D, 0);

    private static readonly Lazy<string> DeviceSecretHash = new(() => SecretHasher.Hash("device-secret"));

    public FleetSeed(string keyA, string keyB, string revokedKeyA)
    {
        KeyA = keyA;
        KeyB = keyB;
        RevokedKeyA = revokedKeyA;
    }

    public string KeyA { get; }

    public string KeyB { get; }

    public string RevokedKeyA { get; }

    /// <summary>
    /// car-a1's 18 rows, 10 s apart from T0: speed 5·k km/h, plus 30 in rows k ≡ 1 (mod 3) so a bucket's
    /// last is not its max; rpm 800+100·k on even rows only; a position each row; supply voltage in row 0 only.
    /// </summary>
    public static IReadOnlyList<(long Time, (int Signal, long Raw)[] Values)> CarA1Rows { get; } =
    [
        .. Enumerable.Range(0, 18).Select(k =>
        {
            var values = new List<(int, long)> { (Speed, SpeedAt(k)), (SignalIds.Latitude, 481234567 + (1000 * k)), (SignalIds.Longitude, 115678901 + (2000 * k)) };
            if (k % 2 == 0)
            {
                values.Add((Rpm, (800 + (100 * k)) * 4));
            }

            if (k == 0)
            {
                values.Add((SignalIds.SupplyVoltage, 14123));
            }

            return (T0 + (10_000L * k), values.ToArray());
        }),
    ];

    public static long SpeedAt(int k) => (5 * k) + (k % 3 == 1 ? 30 : 0);

    /// <summary>One more car-a1 row an hour later, outside the first three minutes.</summary>
    public static (long Time, (int Signal, long Raw)[] Values) CarA1LateRow { get; } =
        (T0 + 3_600_000, [(Speed, 42), (SignalIds.Latitude, 481300000), (SignalIds.Longitude, 115700000)]);

    public static async Task<FleetSeed> SeedAsync(ApiGateway gateway)
    {
        var seed = new FleetSeed(Key("ka1"), Key("kb1"), Key("kr1"));
        GatewayDatabase database = gateway.Service<GatewayDatabase>();
        using (SqliteConnection connection = database.Open())
        {
            Execute(connection, "INSERT INTO tenants (id, name, created_ms) VALUES ('tenant-a', 'Fleet A', 0), ('tenant-b', 'Fleet B', 0)");
            Execute(connection, "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, created_ms) VALUES ($id, $tenant, $name, $vin, $hash, 0)",
                ("$id", CarA1), ("$tenant", TenantA), ("$name", "Delivery van 1"), ("$vin", null), ("$hash", DeviceSecretHash.Value));
            Execute(connection, "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, created_ms) VALUES ($id, $tenant, $name, $vin, $hash, 0)",
                ("$id", CarA2), ("$tenant", TenantA), ("$name", null), ("$vin", null), ("$hash", DeviceSecretHash.Value));
            Execute(connection, "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, revoked, created_ms) VALUES ($id, $tenant, $name, $vin, $hash, 1, 0)",
                ("$id", CarB1), ("$tenant", TenantB), ("$name", "Other van"), ("$vin", "VF1AAAAA555000002"), ("$hash", DeviceSecretHash.Value));
            InsertKey(connection, seed.KeyA, TenantA, revoked: false);
            InsertKey(connection, seed.KeyB, TenantB, revoked: false);
            InsertKey(connection, seed.RevokedKeyA, TenantA, revoked: true);

            Execute(connection, "INSERT INTO device_status (device_id, online, firmware, vin, protocol, supported_pids, status_ms) VALUES ($id, 1, '1.4.2', 'WVWZZZ1JZXW000001', 'ISO 15765-4 (CAN 11/500)', '0C,0D', $time)",
                ("$id", CarA1), ("$time", T0 - 60_000));
            Execute(connection, "INSERT INTO device_status (device_id, online, firmware, vin, protocol, supported_pids, status_ms) VALUES ($id, 0, '1.3.0', NULL, NULL, NULL, $time)",
                ("$id", CarB1), ("$time", T0 + 30_000));

            InsertLatest(connection, CarA1, Speed, T0 + 3_600_000, 42, 42);
            InsertLatest(connection, CarA1, SignalIds.Latitude, T0 + 3_600_000, 481300000, 48.13);
            InsertLatest(connection, CarA1, SignalIds.Longitude, T0 + 3_600_000, 115700000, 11.57);
            InsertLatest(connection, CarA1, Rpm, T0 + 160_000, 9600, 2400);
            InsertLatest(connection, CarA1, SignalIds.SupplyVoltage, T0, 14123, 14.123);
            InsertLatest(connection, CarB1, Speed, T0 + 20_000, 99, 99);

            InsertEvent(connection, CarA1, 100, 1, T0, 481234567, 115678901, 0, null);
            InsertEvent(connection, CarA1, 101, 5, T0 + 60_000, null, null, 0, "P0301");
            InsertEvent(connection, CarA1, 102, 99, T0 + 100_000, null, null, 7, null);
            InsertEvent(connection, CarA1, 103, 7, T0 + 7_200_000, null, null, 11800, null);
            InsertEvent(connection, CarB1, 1, 3, T0, 10000000, 20000000, 0, null);

            InsertDeadLetter(connection, T0 + 5_000, CarA1, TenantA, "rydbox/v1/car-a1/telemetry", "Malformed", "telemetry: not a CBOR map", [0xA1, 0x00, 0xFF]);
            InsertDeadLetter(connection, T0 + 6_000, CarA1, TenantA, "rydbox/v1/car-a1/event", "Oversized", "event: 70000 bytes, more than 65536", [1, 2, 3, 4]);
            InsertDeadLetter(connection, T0 + 7_000, CarB1, TenantB, "rydbox/v1/car-b1/status", "Malformed", "status: truncated", [9]);
            InsertDeadLetter(connection, T0 + 8_000, null, null, "rydbox/v1/ghost/telemetry", "UnknownDevice", "no device 'ghost'", [7]);
        }

        ITelemetryStore store = gateway.Service<ITelemetryStore>();
        await store.WriteAsync(
            [
                Batch(CarA1, TenantA, 1, CarA1Rows.Take(9)),
                Batch(CarA1, TenantA, 2, CarA1Rows.Skip(9)),
                Batch(CarA1, TenantA, 3, [CarA1LateRow]),
                Batch(CarB1, TenantB, 1, Enumerable.Range(0, 3).Select(k => (T0 + (10_000L * k), new[] { (Speed, 99L), (SignalIds.Latitude, 10000000L + k), (SignalIds.Longitude, 20000000L + k) }))),
            ],
            CancellationToken.None);
        return seed;
    }

    /// <summary>A batch as a box sends it: TelemetryEncoder's bytes, decoded by the contract as ingest would.</summary>
    public static IngestedBatch Batch(string deviceId, string tenantId, long sequence, IEnumerable<(long Time, (int Signal, long Raw)[] Values)> rows)
    {
        var batch = new TelemetryBatch(64, 16);
        foreach ((long time, (int signal, long raw)[] values) in rows)
        {
            batch.BeginRow(time).Should().BeTrue();
            foreach ((int signal, long raw) in values)
            {
                batch.Set(signal, raw).Should().BeTrue();
            }
        }

        var buffer = new byte[8192];
        int length = new TelemetryEncoder().Encode(batch, sequence, buffer);
        length.Should().BePositive();
        byte[] payload = buffer[..length];
        return new IngestedBatch(deviceId, tenantId, TelemetryDecoder.Decode(payload), payload, DateTimeOffset.FromUnixTimeMilliseconds(T0));
    }

    private static string Key(string id) => $"rbk_{id}_{SecretHasher.NewSecret()}";

    private static void InsertKey(SqliteConnection connection, string key, string tenant, bool revoked)
    {
        int separator = key.IndexOf('_', 4);
        Execute(connection, "INSERT INTO api_keys (id, tenant_id, name, key_hash, revoked, created_ms) VALUES ($id, $tenant, 'test', $hash, $revoked, 0)",
            ("$id", key[4..separator]), ("$tenant", tenant), ("$hash", SecretHasher.Hash(key[(separator + 1)..])), ("$revoked", revoked ? 1 : 0));
    }

    private static void InsertLatest(SqliteConnection connection, string device, int signal, long time, long raw, double value) =>
        Execute(connection, "INSERT INTO latest_values (device_id, signal_id, time_ms, raw, value) VALUES ($d, $s, $t, $r, $v)",
            ("$d", device), ("$s", signal), ("$t", time), ("$r", raw), ("$v", value));

    private static void InsertEvent(SqliteConnection connection, string device, long sequence, int type, long time, long? latitude, long? longitude, long value, string? detail) =>
        Execute(connection, "INSERT INTO box_events (device_id, sequence, type, time_ms, latitude_e7, longitude_e7, value, detail) VALUES ($d, $q, $y, $t, $la, $lo, $v, $x)",
            ("$d", device), ("$q", sequence), ("$y", type), ("$t", time), ("$la", latitude), ("$lo", longitude), ("$v", value), ("$x", detail));

    private static void InsertDeadLetter(SqliteConnection connection, long received, string? device, string? tenant, string topic, string reason, string detail, byte[] payload) =>
        Execute(connection, "INSERT INTO dead_letters (received_ms, device_id, tenant_id, topic, reason, detail, payload) VALUES ($r, $d, $t, $p, $why, $x, $b)",
            ("$r", received), ("$d", device), ("$t", tenant), ("$p", topic), ("$why", reason), ("$x", detail), ("$b", payload));

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}

/// <summary>The gateway with <see cref="FleetSeed"/> stored, shared by the API test classes.</summary>
public class SeededGateway : ApiGateway
{
    public SeededGateway()
    {
    }

    protected SeededGateway(IReadOnlyDictionary<string, string?> settings)
        : base(settings)
    {
    }

    public FleetSeed Seed { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = await FleetSeed.SeedAsync(this);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SeededGateway>
{
    public const string Name = "Gateway API";
}
