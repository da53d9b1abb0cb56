using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// Each signal's latest value per device (latest_values), the on-board computer's view. Only a
/// newer sample replaces a value, so a backlog replayed late never overwrites the present.
/// </summary>
public static class SqliteLatestValues
{
    /// <summary>Rows in one upsert statement at most; a device with more signals in a batch takes several.</summary>
    public const int RowsPerStatement = 16;

    public static void Update(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<IngestedBatch> batches)
    {
        using var updater = new Updater(connection);
        updater.Update(batches as IReadOnlyList<IngestedBatch> ?? batches.ToList());
    }

    /// <summary>
    /// The newest value of every (device, signal) in <paramref name="batches"/>: for each device, in
    /// the order its signals first appear, the value of the latest sample that has it. Of samples
    /// with the same time the first in the list wins, as the store keeps what it has on a tie.
    /// </summary>
    public static Dictionary<string, List<LatestValue>> Newest(IReadOnlyList<IngestedBatch> batches)
    {
        var newest = new Dictionary<string, List<LatestValue>>(StringComparer.Ordinal);
        foreach (IngestedBatch batch in batches)
        {
            if (!newest.TryGetValue(batch.DeviceId, out List<LatestValue>? values))
            {
                values = new List<LatestValue>(16);
                newest.Add(batch.DeviceId, values);
            }

            // A batch's samples are in strictly increasing time: from the last one back, the first
            // value met of a signal is this batch's newest, and older ones cannot replace it.
            IReadOnlyList<TelemetrySample> samples = batch.Message.Samples;
            for (int s = samples.Count - 1; s >= 0; s--)
            {
                TelemetrySample sample = samples[s];
                IReadOnlyList<SignalValue> sampleValues = sample.Values;
                for (int v = 0; v < sampleValues.Count; v++)
                {
                    SignalValue value = sampleValues[v];
                    int at = IndexOf(values, value.SignalId);
                    if (at < 0)
                    {
                        values.Add(new LatestValue(value.SignalId, sample.UnixMilliseconds, value.Raw, value.Value));
                    }
                    else if (sample.UnixMilliseconds > values[at].TimeMs)
                    {
                        values[at] = new LatestValue(value.SignalId, sample.UnixMilliseconds, value.Raw, value.Value);
                    }
                }
            }
        }

        return newest;
    }

    private static int IndexOf(List<LatestValue> values, int signalId)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i].SignalId == signalId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The upserts prepared once on a connection that stays open (the ingest writer's), for batch
    /// after batch; runs in the connection's open transaction. One statement per device writes all
    /// its signals (up to <see cref="RowsPerStatement"/> rows each), one row per (device, signal) and
    /// batch list: the newest value (<see cref="Newest"/>), which replaces the stored one only if newer.
    /// </summary>
    public sealed class Updater(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteStatement?[] _upserts = new SqliteStatement?[RowsPerStatement + 1];

        public void Update(IReadOnlyList<IngestedBatch> batches)
        {
            foreach ((string deviceId, List<LatestValue> values) in Newest(batches))
            {
                for (int first = 0; first < values.Count; first += RowsPerStatement)
                {
                    int rows = Math.Min(RowsPerStatement, values.Count - first);
                    SqliteStatement upsert = _upserts[rows] ??= new SqliteStatement(connection, UpsertSql(rows));
                    upsert.Bind(1, deviceId);
                    for (int r = 0; r < rows; r++)
                    {
                        LatestValue value = values[first + r];
                        int p = 2 + (r * 4);
                        upsert.Bind(p, value.SignalId);
                        upsert.Bind(p + 1, value.TimeMs);
                        upsert.Bind(p + 2, value.Raw);

                        // SQLite stores NaN as NULL, which the NOT NULL column would refuse, and a refused
                        // commit is retried forever: a scaling that yields no number keeps the raw value.
                        upsert.Bind(p + 3, double.IsFinite(value.Value) ? value.Value : value.Raw);
                    }

                    upsert.Execute();
                }
            }
        }

        public void Dispose()
        {
            foreach (SqliteStatement? upsert in _upserts)
            {
                upsert?.Dispose();
            }
        }

        /// <summary>INSERT … VALUES (?1, ?2, ?3, ?4, ?5), (?1, ?6, …) … ON CONFLICT: ?1 the device, then signal, time, raw, value per row.</summary>
        private static string UpsertSql(int rows)
        {
            var sql = new StringBuilder("INSERT INTO latest_values (device_id, signal_id, time_ms, raw, value) VALUES ");
            for (int r = 0; r < rows; r++)
            {
                int p = 2 + (r * 4);
                sql.Append(CultureInfo.InvariantCulture, $"{(r == 0 ? "" : ", ")}(?1, ?{p}, ?{p + 1}, ?{p + 2}, ?{p + 3})");
            }

            sql.Append("""

                ON CONFLICT (device_id, signal_id) DO UPDATE
                    SET time_ms = excluded.time_ms, raw = excluded.raw, value = excluded.value
                    WHERE excluded.time_ms > latest_values.time_ms
                """);
            return sql.ToString();
        }
    }
}

/// <summary>A signal's newest value in a list of batches: its sample's time, the raw wire integer and the scaled value.</summary>
public readonly record struct LatestValue(int SignalId, long TimeMs, long Raw, double Value);
