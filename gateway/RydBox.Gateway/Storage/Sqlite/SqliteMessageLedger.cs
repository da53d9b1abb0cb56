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
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO received_messages (device_id, sequence, kind, received_ms)
            VALUES ($device, $sequence, $kind, $received)
            """;
        SqliteParameter device = insert.Parameters.Add("$device", SqliteType.Text);
        SqliteParameter sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        SqliteParameter kind = insert.Parameters.Add("$kind", SqliteType.Integer);
        SqliteParameter received = insert.Parameters.Add("$received", SqliteType.Integer);
        insert.Prepare();
        var inserted = new bool[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            device.Value = entries[i].DeviceId;
            sequence.Value = entries[i].Sequence;
            kind.Value = entries[i].Kind;
            received.Value = entries[i].ReceivedMs;
            inserted[i] = insert.ExecuteNonQuery() == 1;
        }

        return inserted;
    }
}
