using Microsoft.Data.Sqlite;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>On-box events (box_events), one row per (device, sequence).</summary>
public static class SqliteBoxEvents
{
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<(string DeviceId, EventMessage Event)> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO box_events (device_id, sequence, type, time_ms, latitude_e7, longitude_e7, value, detail)
            VALUES ($device, $sequence, $type, $time, $latitude, $longitude, $value, $detail)
            """;
        SqliteParameter device = insert.Parameters.Add("$device", SqliteType.Text);
        SqliteParameter sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        SqliteParameter type = insert.Parameters.Add("$type", SqliteType.Integer);
        SqliteParameter time = insert.Parameters.Add("$time", SqliteType.Integer);
        SqliteParameter latitude = insert.Parameters.Add("$latitude", SqliteType.Integer);
        SqliteParameter longitude = insert.Parameters.Add("$longitude", SqliteType.Integer);
        SqliteParameter value = insert.Parameters.Add("$value", SqliteType.Integer);
        SqliteParameter detail = insert.Parameters.Add("$detail", SqliteType.Text);
        insert.Prepare();
        foreach ((string deviceId, EventMessage e) in events)
        {
            device.Value = deviceId;
            sequence.Value = e.Sequence;
            type.Value = (int)e.Type;
            time.Value = e.UnixMilliseconds;
            latitude.Value = e.Position is null ? DBNull.Value : e.Position.LatitudeE7;
            longitude.Value = e.Position is null ? DBNull.Value : e.Position.LongitudeE7;
            value.Value = e.Value;
            detail.Value = (object?)e.Detail ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }
}
