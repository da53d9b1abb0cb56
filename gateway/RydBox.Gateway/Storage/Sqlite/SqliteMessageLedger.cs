using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>One telemetry batch or event in the dedupe ledger (received_messages).</summary>
public readonly record struct LedgerEntry(string DeviceId, long Sequence, int Kind, long ReceivedMs)
{
    public const int Telemetry = 1;
    public const int Event = 2;
}

/// <summary>
/// The dedupe ledger: every (device, sequence) the gateway stored, whatever store holds the
/// telemetry. A sequence number is shared by a device's batches and events, so one key per message.
/// </summary>
public static class SqliteMessageLedger
{
    private const string InsertSql = """
        INSERT OR IGNORE INTO received_messages (device_id, sequence, kind, received_ms)
        VALUES (?1, ?2, ?3, ?4)
        """;

    /// <summary>The keys among <paramref name="keys"/> that are already in the ledger.</summary>
    public static HashSet<(string DeviceId, long Sequence)> Existing(SqliteConnection connection, SqliteTransaction? transaction, IEnumerable<(string DeviceId, long Sequence)> keys)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT 1 FROM received_messages WHERE device_id = $device AND sequence = $sequence";
        SqliteParameter device = select.Parameters.Add("$device", SqliteType.Text);
        SqliteParameter sequence = select.Parameters.Add("$sequence", SqliteType.Integer);
        select.Prepare();
        var existing = new HashSet<(string, long)>();
        foreach ((string DeviceId, long Sequence) key in keys)
        {
            device.Value = key.DeviceId;
            sequence.Value = key.Sequence;
            if (select.ExecuteScalar() is not null)
            {
                existing.Add(key);
            }
        }

        return existing;
    }

    /// <summary>Inserts the entries; for each, true when it was new (false: someone stored it first).</summary>
    public static bool[] Record(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<LedgerEntry> entries)
    {
        using var recorder = new Recorder(connection);
        return recorder.Record(entries);
    }

    /// <summary>
    /// The ledger insert prepared once on a connection that stays open (the ingest writer's), for
    /// batch after batch; runs in the connection's open transaction.
    /// </summary>
    public sealed class Recorder(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteStatement _insert = new(connection, InsertSql);

        /// <summary>Inserts the entries; for each, true when it was new (false: already in the ledger, or earlier in the list).</summary>
        public bool[] Record(IReadOnlyList<LedgerEntry> entries)
        {
            var inserted = new bool[entries.Count];
            for (int i = 0; i < entries.Count; i++)
            {
                LedgerEntry entry = entries[i];
                _insert.Bind(1, entry.DeviceId);
                _insert.Bind(2, entry.Sequence);
                _insert.Bind(3, entry.Kind);
                _insert.Bind(4, entry.ReceivedMs);
                inserted[i] = _insert.Execute() == 1;
            }

            return inserted;
        }

        public void Dispose() => _insert.Dispose();
    }
}
