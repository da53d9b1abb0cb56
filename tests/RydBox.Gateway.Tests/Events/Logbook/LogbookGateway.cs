using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Tests.Api;
using static RydBox.Gateway.Tests.Api.FleetSeed;

namespace RydBox.Gateway.Tests.Events.Logbook;

/// <summary>
/// The real gateway with <see cref="FleetSeed"/>'s tenants and keys; each test takes vehicles of its own
/// (<see cref="NewVehicle"/>) whose trips are stored as the event processor stores them: the trip in
/// vehicle_events and a trip log row, in one transaction.
/// </summary>
public sealed class LogbookGateway : SeededGateway
{
    private int _vehicles;

    /// <summary>Ended 30 min after T0; detected open, then updated when it ended.</summary>
    public static readonly TripEvent Trip1 = new(T0, T0 + 1_800_000, new Place(48.1234567, 11.5678901), new Place(48.2, 11.7), 23.456, 104.5, 46.9, 1.75, TripSource.Ignition);

    /// <summary>A movement-based trip an hour later, without fuel data.</summary>
    public static readonly TripEvent Trip2 = new(T0 + 3_600_000, T0 + 4_500_000, new Place(48.2, 11.7), new Place(48.25, 11.8), 12.5, 60, 50, null, TripSource.Movement);

    /// <summary>Detected, then withdrawn by late data.</summary>
    public static readonly TripEvent Withdrawn = new(T0 + 7_200_000, T0 + 7_500_000, new Place(48.25, 11.8), new Place(48.26, 11.81), 3, 40, 30, null, TripSource.Ignition);

    /// <summary>Still going on.</summary>
    public static readonly TripEvent Open = new(T0 + 10_800_000, null, new Place(48.26, 11.81), null, 1, 30, 20, null, TripSource.Ignition);

    /// <summary>When the processor stored each version: the trip's own time plus a minute.</summary>
    public static long StoredAt(TripEvent trip) => (trip.EndUnixMs ?? trip.StartUnixMs) + 60_000;

    /// <summary>A new vehicle of <paramref name="tenant"/> holding the four trips above (six log rows).</summary>
    public string NewVehicle(string tenant = TenantA)
    {
        string id = $"lb-{Interlocked.Increment(ref _vehicles)}-{tenant}";
        using (SqliteConnection connection = Service<GatewayDatabase>().Open())
        using (SqliteCommand insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, created_ms) VALUES ($id, $tenant, NULL, NULL, 'unused', 0)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$tenant", tenant);
            insert.ExecuteNonQuery();
        }

        Store(tenant, id, Trip1 with { EndUnixMs = null, EndPlace = null, DistanceKm = 0.5 }, TripLogChanges.Detected, T0 + 60_000);
        Store(tenant, id, Trip1, TripLogChanges.Updated, StoredAt(Trip1));
        Store(tenant, id, Trip2, TripLogChanges.Detected, StoredAt(Trip2));
        Store(tenant, id, Withdrawn, TripLogChanges.Detected, StoredAt(Withdrawn));
        Store(tenant, id, Withdrawn, TripLogChanges.Withdrawn, StoredAt(Withdrawn) + 1_000);
        Store(tenant, id, Open, TripLogChanges.Detected, StoredAt(Open));
        return id;
    }

    /// <summary>As the event processor does: the trip version (or its withdrawal) and its log row in one transaction.</summary>
    public void Store(string tenant, string deviceId, TripEvent trip, string change, long atMs)
    {
        using SqliteConnection connection = Service<GatewayDatabase>().Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        if (change == TripLogChanges.Withdrawn)
        {
            VehicleEventStore.Withdraw(connection, transaction, deviceId, trip.Key, atMs);
        }
        else
        {
            VehicleEventStore.Upsert(connection, transaction, tenant, deviceId, trip, atMs);
        }

        TripLog.Append(connection, transaction, new TripLogEntry(deviceId, trip.Key, change, null, null, EventJson.Serialize(trip), "gateway", atMs));
        transaction.Commit();
    }

    /// <summary>Runs SQL on the gateway's file as someone with access to it would (tampering included).</summary>
    public int Sql(string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteConnection connection = Service<GatewayDatabase>().Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>Ids of a vehicle's log rows, oldest first.</summary>
    public long[] LogIds(string deviceId)
    {
        using SqliteConnection connection = Service<GatewayDatabase>().Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM trip_log WHERE device_id = $device ORDER BY id";
        command.Parameters.AddWithValue("$device", deviceId);
        using SqliteDataReader reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    /// <summary>
    /// Lets a test change trip_log rows as an attacker with the file would: drops the append-only
    /// trigger, runs <paramref name="tamper"/>, puts the trigger back exactly as schema 5 has it.
    /// </summary>
    public void WithoutAppendOnlyTrigger(Action tamper)
    {
        Sql("DROP TRIGGER trip_log_append_only");
        try
        {
            tamper();
        }
        finally
        {
            Sql("""
                CREATE TRIGGER trip_log_append_only BEFORE UPDATE ON trip_log
                BEGIN
                    SELECT RAISE(ABORT, 'the trip log is append-only');
                END;
                """);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LogbookCollection : ICollectionFixture<LogbookGateway>
{
    public const string Name = "Logbook";
}
