using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// One device's checkpoints in detector_checkpoints. Detection runs outside the write lock, so
/// changes are kept here until <see cref="Flush"/> writes them in the round's write transaction;
/// reads see them over what is stored.
/// </summary>
internal sealed class SqliteCheckpointStore(SqliteConnection connection, SqliteTransaction? readTransaction, string deviceId) : ICheckpointStore
{
    private readonly List<TimelineCheckpoint> _saved = [];

    /// <summary>Stored checkpoints after this are dropped.</summary>
    private long _dropAfter = long.MaxValue;

    /// <summary>Stored checkpoints before this are dropped.</summary>
    private long _dropBefore = long.MinValue;

    public bool HasChanges => _saved.Count > 0 || _dropAfter != long.MaxValue || _dropBefore != long.MinValue;

    public void Save(TimelineCheckpoint checkpoint)
    {
        _saved.RemoveAll(c => c.AtUnixMs == checkpoint.AtUnixMs);
        _saved.Add(checkpoint);
    }

    public TimelineCheckpoint? LatestBefore(long unixMs)
    {
        TimelineCheckpoint? kept = _saved.Where(c => c.AtUnixMs < unixMs).MaxBy(c => c.AtUnixMs);
        using SqliteCommand command = Command(
            readTransaction,
            """
            SELECT at_ms, states FROM detector_checkpoints
            WHERE device_id = $device AND at_ms < $at AND at_ms <= $dropAfter AND at_ms >= $dropBefore
            ORDER BY at_ms DESC LIMIT 1
            """,
            ("$at", unixMs),
            ("$dropAfter", _dropAfter),
            ("$dropBefore", _dropBefore));
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read() || (kept is not null && kept.AtUnixMs >= reader.GetInt64(0)))
        {
            return kept;
        }

        return new TimelineCheckpoint(reader.GetInt64(0), JsonSerializer.Deserialize<DetectorStates>(reader.GetString(1))!);
    }

    public void DropAfter(long unixMs)
    {
        _dropAfter = Math.Min(_dropAfter, unixMs);
        _saved.RemoveAll(c => c.AtUnixMs > unixMs);
    }

    public void DropBefore(long unixMs)
    {
        _dropBefore = Math.Max(_dropBefore, unixMs);
        _saved.RemoveAll(c => c.AtUnixMs < unixMs);
    }

    /// <summary>Writes the changes kept: the drops first, then the checkpoints taken since.</summary>
    public void Flush(SqliteTransaction transaction)
    {
        if (_dropAfter != long.MaxValue)
        {
            Execute(transaction, "DELETE FROM detector_checkpoints WHERE device_id = $device AND at_ms > $at", ("$at", _dropAfter));
        }

        if (_dropBefore != long.MinValue)
        {
            Execute(transaction, "DELETE FROM detector_checkpoints WHERE device_id = $device AND at_ms < $at", ("$at", _dropBefore));
        }

        foreach (TimelineCheckpoint checkpoint in _saved)
        {
            Execute(
                transaction,
                "INSERT OR REPLACE INTO detector_checkpoints (device_id, at_ms, states) VALUES ($device, $at, $states)",
                ("$at", checkpoint.AtUnixMs),
                ("$states", JsonSerializer.Serialize(checkpoint.Detectors)));
        }
    }

    private void Execute(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$device", deviceId);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
