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
        updater.Update(batches.Select(b => (b.DeviceId, (IReadOnlyList<LatestValue>)NewestOf(b.Message))).ToList());
    }

    /// <summary>
    /// The newest value of every signal in one batch, in the order the signals first appear from its
    /// last sample back. (The ingest pipeline works this out where it decodes, beside the writer.)
    /// </summary>
    public static LatestValue[] NewestOf(TelemetryMessage message)
    {
        // A batch's samples are in strictly increasing time: a column's last value is its newest, and
        // from the last sample back the signals appear by their last row, then in column order.
        IReadOnlyList<TelemetryColumn> columns = message.Columns;
        var newest = new LatestValue[columns.Count];
        var lastRows = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            TelemetryColumn column = columns[c];
            long raw = column.LastRaw;
            var value = new LatestValue(column.SignalId, message.TimeOf(column.LastRow), raw, column.Info.Scale(raw));

            // Insertion, stable: after every column with the same or a later last row.
            int at = c;
            while (at > 0 && lastRows[at - 1] < column.LastRow)
            {
                newest[at] = newest[at - 1];
                lastRows[at] = lastRows[at - 1];
                at--;
            }

            newest[at] = value;
            lastRows[at] = column.LastRow;
        }

        return newest;
    }

    /// <summary>
    /// Each device's newest value of every signal across its batches (each batch's from
    /// <see cref="NewestOf"/>, in arrival order): the value with the latest time, and of equal times
    /// the first, as the table keeps what it has on a tie.
    /// </summary>
    public static Dictionary<string, List<LatestValue>> Merge(IReadOnlyList<(string DeviceId, IReadOnlyList<LatestValue> Newest)> batches)
    {
        var merged = new Dictionary<string, List<LatestValue>>(batches.Count, StringComparer.Ordinal);
        foreach ((string deviceId, IReadOnlyList<LatestValue> newest) in batches)
        {
            if (!merged.TryGetValue(deviceId, out List<LatestValue>? values))
            {
                merged.Add(deviceId, new List<LatestValue>(newest));
                continue;
            }

            foreach (LatestValue value in newest)
            {
                int at = IndexOf(values, value.SignalId);
                if (at < 0)
                {
                    values.Add(value);
                }
                else if (value.TimeMs > values[at].TimeMs)
                {
                    values[at] = value;
                }
            }
        }

        return merged;
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
    /// its signals (up to <see cref="RowsPerStatement"/> rows each): one row per (device, signal) of
    /// the whole list, its newest value (<see cref="Merge"/>), which replaces the stored one only if newer.
    /// </summary>
    public sealed class Updater(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteStatement?[] _upserts = new SqliteStatement?[RowsPerStatement + 1];

        /// <param name="batches">Each batch's device and newest values (<see cref="NewestOf"/>), in arrival order.</param>
        public void Update(IReadOnlyList<(string DeviceId, IReadOnlyList<LatestValue> Newest)> batches)
        {
            foreach ((string deviceId, List<LatestValue> values) in Merge(batches))
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
