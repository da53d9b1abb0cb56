using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Storage;

/// <summary>The vehicle_events table: the latest version of every episode per device, written by the event processor, read by the API.</summary>
public sealed class VehicleEventStore(GatewayDatabase database)
{
    public IReadOnlyList<StoredEvent> List(EventQuery query)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        var where = new List<string> { "tenant_id = $tenant" };
        command.Parameters.AddWithValue("$tenant", query.TenantId);
        if (query.DeviceId is string device)
        {
            where.Add("device_id = $device");
            command.Parameters.AddWithValue("$device", device);
        }

        if (query.Kind is string kind)
        {
            where.Add("kind = $kind");
            command.Parameters.AddWithValue("$kind", kind);
        }

        if (query.From is DateTimeOffset from)
        {
            where.Add("start_ms >= $from");
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is DateTimeOffset to)
        {
            where.Add("start_ms < $to");
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }

        if (!query.IncludeWithdrawn)
        {
            where.Add("withdrawn_ms IS NULL");
        }

        command.CommandText = $"""
            SELECT device_id, tenant_id, body, updated_ms, withdrawn_ms FROM vehicle_events
            WHERE {string.Join(" AND ", where)}
            ORDER BY start_ms {(query.Ascending ? "ASC" : "DESC")}, device_id, event_key
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", Math.Max(0, query.Limit));
        return Read(command);
    }

    public StoredEvent? Find(string tenantId, string deviceId, string eventKey)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT device_id, tenant_id, body, updated_ms, withdrawn_ms FROM vehicle_events
            WHERE tenant_id = $tenant AND device_id = $device AND event_key = $key
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$key", eventKey);
        return Read(command).SingleOrDefault();
    }

    /// <summary>A device's stored events whose episodes started after <paramref name="afterUnixMs"/> (withdrawn ones too), keyed by event key.</summary>
    internal static Dictionary<string, StoredEvent> Since(SqliteConnection connection, SqliteTransaction transaction, string deviceId, long afterUnixMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT device_id, tenant_id, body, updated_ms, withdrawn_ms FROM vehicle_events
            WHERE device_id = $device AND start_ms > $after
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$after", afterUnixMs);
        return Read(command).ToDictionary(e => e.Event.Key);
    }

    /// <summary>Writes the event's latest version (clearing a withdrawal: the replay found it again).</summary>
    internal static void Upsert(SqliteConnection connection, SqliteTransaction transaction, string tenantId, string deviceId, VehicleEvent vehicleEvent, long nowUnixMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO vehicle_events (device_id, event_key, tenant_id, kind, start_ms, end_ms, body, withdrawn_ms, updated_ms)
            VALUES ($device, $key, $tenant, $kind, $start, $end, $body, NULL, $now)
            ON CONFLICT (device_id, event_key) DO UPDATE
                SET end_ms = excluded.end_ms, body = excluded.body, withdrawn_ms = NULL, updated_ms = excluded.updated_ms
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$key", vehicleEvent.Key);
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$kind", vehicleEvent.Kind);
        command.Parameters.AddWithValue("$start", vehicleEvent.StartUnixMs);
        command.Parameters.AddWithValue("$end", (object?)vehicleEvent.EndUnixMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", EventJson.Serialize(vehicleEvent));
        command.Parameters.AddWithValue("$now", nowUnixMs);
        command.ExecuteNonQuery();
    }

    internal static void Withdraw(SqliteConnection connection, SqliteTransaction transaction, string deviceId, string eventKey, long nowUnixMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE vehicle_events SET withdrawn_ms = $now, updated_ms = $now WHERE device_id = $device AND event_key = $key AND withdrawn_ms IS NULL";
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$key", eventKey);
        command.Parameters.AddWithValue("$now", nowUnixMs);
        command.ExecuteNonQuery();
    }

    private static List<StoredEvent> Read(SqliteCommand command)
    {
        var events = new List<StoredEvent>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new StoredEvent(
                reader.GetString(0),
                reader.GetString(1),
                EventJson.Deserialize(reader.GetString(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return events;
    }
}
