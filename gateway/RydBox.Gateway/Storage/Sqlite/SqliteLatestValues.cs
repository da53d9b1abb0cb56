using Microsoft.Data.Sqlite;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// Each signal's latest value per device (latest_values), the on-board computer's view. Only a
/// newer sample replaces a value, so a backlog replayed late never overwrites the present.
/// </summary>
public static class SqliteLatestValues
{
    public static void Update(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<IngestedBatch> batches)
    {
        // The newest value of every (device, signal) in these batches, then one upsert each.
        var newest = new Dictionary<(string DeviceId, int SignalId), (long TimeMs, SignalValue Value)>();
        foreach (IngestedBatch batch in batches)
        {
            foreach (TelemetrySample sample in batch.Message.Samples)
            {
                foreach (SignalValue value in sample.Values)
                {
                    var key = (batch.DeviceId, value.SignalId);
                    if (!newest.TryGetValue(key, out var known) || sample.UnixMilliseconds > known.TimeMs)
                    {
                        newest[key] = (sample.UnixMilliseconds, value);
                    }
                }
            }
        }

        if (newest.Count == 0)
        {
            return;
        }

        using SqliteCommand upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO latest_values (device_id, signal_id, time_ms, raw, value)
            VALUES ($device, $signal, $time, $raw, $value)
            ON CONFLICT (device_id, signal_id) DO UPDATE
                SET time_ms = excluded.time_ms, raw = excluded.raw, value = excluded.value
                WHERE excluded.time_ms > latest_values.time_ms
            """;
        SqliteParameter device = upsert.Parameters.Add("$device", SqliteType.Text);
        SqliteParameter signal = upsert.Parameters.Add("$signal", SqliteType.Integer);
        SqliteParameter time = upsert.Parameters.Add("$time", SqliteType.Integer);
        SqliteParameter raw = upsert.Parameters.Add("$raw", SqliteType.Integer);
        SqliteParameter scaled = upsert.Parameters.Add("$value", SqliteType.Real);
        upsert.Prepare();
        foreach (((string deviceId, int signalId), (long timeMs, SignalValue value)) in newest)
        {
            device.Value = deviceId;
            signal.Value = signalId;
            time.Value = timeMs;
            raw.Value = value.Raw;

            // SQLite stores NaN as NULL, which the NOT NULL column would refuse, and a refused
            // commit is retried forever: a scaling that yields no number keeps the raw value.
            scaled.Value = double.IsFinite(value.Value) ? value.Value : value.Raw;
            upsert.ExecuteNonQuery();
        }
    }
}
