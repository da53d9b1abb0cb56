using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Privacy;

/// <summary>A clock that runs with the system's, shifted by <paramref name="offset"/> (timers stay the system's).</summary>
internal sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}

/// <summary>A clock that always says <paramref name="now"/>.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>What ingest stores about a vehicle, written with the storage classes ingest itself uses.</summary>
internal static class VehicleData
{
    public const string VinA = "WVWZZZ1JZXW000001";
    public const string VinB = "WDB1240221A000002";

    /// <summary>
    /// A telemetry batch of three rows at <paramref name="time"/> (in <paramref name="store"/>, with its
    /// latest values and ledger entry), a DTC event (sequence + 1, with its ledger entry), an online
    /// status with <paramref name="vin"/>, and a dead letter received at <paramref name="time"/>.
    /// </summary>
    public static async Task SeedAsync(GatewayDatabase database, ITelemetryStore store, string deviceId, string tenantId, long sequence, DateTimeOffset time, string? vin = null)
    {
        byte[] payload = WirePayloads.Telemetry(sequence, time);
        var batch = new IngestedBatch(deviceId, tenantId, TelemetryDecoder.Decode(payload), payload, time);
        bool sqlite = store is SqliteTelemetryStore;
        if (!sqlite)
        {
            await store.WriteAsync([batch], CancellationToken.None);
        }

        long ms = time.ToUnixTimeMilliseconds();
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        if (sqlite)
        {
            SqliteTelemetryStore.Write(connection, transaction, [batch]);
        }

        SqliteLatestValues.Update(connection, transaction, [batch]);
        SqliteMessageLedger.Record(connection, transaction, [
            new LedgerEntry(deviceId, sequence, LedgerEntry.Telemetry, ms),
            new LedgerEntry(deviceId, sequence + 1, LedgerEntry.Event, ms),
        ]);
        SqliteBoxEvents.Write(connection, transaction, [(deviceId, EventDecoder.Decode(WirePayloads.Event(sequence + 1, BoxEventType.DtcSet, time, detail: "P0301")))]);
        if (vin is not null)
        {
            SqliteDeviceStatus.Write(connection, transaction, deviceId, StatusDecoder.Decode(WirePayloads.Online(vin: vin, time: time)), ms);
        }

        SqliteDeadLetters.Write(connection, transaction, [
            new DeadLetter(ms, deviceId, tenantId, WireTopics.Build(deviceId, TopicKind.Telemetry), "Malformed", "seeded", new byte[] { 0xFF, 0x00 }),
        ]);
        transaction.Commit();
    }

    /// <summary>
    /// Rows of every table of the file that mention <paramref name="text"/> in any column (text, or
    /// bytes of a blob), by table; tables without any are left out. The broadest check there is that
    /// an erased vehicle left no trace.
    /// </summary>
    public static Dictionary<string, long> RowsMentioning(GatewayDatabase database, string text)
    {
        using SqliteConnection connection = database.Open();
        var tables = new List<string>();
        using (SqliteCommand list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'";
            using SqliteDataReader reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Contain(["telemetry_batches", "latest_values", "box_events", "device_status", "dead_letters", "received_messages", "devices"]);
        var found = new Dictionary<string, long>();
        foreach (string table in tables)
        {
            var columns = new List<string>();
            using (SqliteCommand info = connection.CreateCommand())
            {
                info.CommandText = $"PRAGMA table_info({table})";
                using SqliteDataReader reader = info.ExecuteReader();
                while (reader.Read())
                {
                    columns.Add(reader.GetString(1));
                }
            }

            using SqliteCommand count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table} WHERE " + string.Join(" OR ", columns.Select(c => $"instr({c}, $text) > 0 OR instr(CAST({c} AS BLOB), CAST($text AS BLOB)) > 0"));
            count.Parameters.AddWithValue("$text", text);
            long rows = (long)count.ExecuteScalar()!;
            if (rows > 0)
            {
                found[table] = rows;
            }
        }

        return found;
    }

    /// <summary>Rows of the tables that hold a vehicle's data, by table, for one device.</summary>
    public static Dictionary<string, long> RowsOf(GatewayDatabase database, string deviceId)
    {
        using SqliteConnection connection = database.Open();
        var rows = new Dictionary<string, long>();
        foreach (string table in new[] { "telemetry_batches", "latest_values", "box_events", "device_status", "dead_letters", "received_messages" })
        {
            using SqliteCommand count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table} WHERE device_id = $device";
            count.Parameters.AddWithValue("$device", deviceId);
            rows[table] = (long)count.ExecuteScalar()!;
        }

        return rows;
    }

    public static long Scalar(GatewayDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
