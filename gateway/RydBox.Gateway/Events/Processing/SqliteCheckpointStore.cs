using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Events.Processing;

/// <summary>One device's checkpoints in detector_checkpoints, inside the processor's transaction, its writes under the device's savepoint.</summary>
internal sealed class SqliteCheckpointStore(SqliteConnection connection, SqliteTransaction transaction, DeviceSavepoint savepoint, string deviceId) : ICheckpointStore
{
    public void Save(TimelineCheckpoint checkpoint) => Execute(
        "INSERT OR REPLACE INTO detector_checkpoints (device_id, at_ms, states) VALUES ($device, $at, $states)",
        ("$at", checkpoint.AtUnixMs),
        ("$states", JsonSerializer.Serialize(checkpoint.Detectors)));

    public TimelineCheckpoint? LatestBefore(long unixMs)
    {
        using SqliteCommand command = Command(
            "SELECT at_ms, states FROM detector_checkpoints WHERE device_id = $device AND at_ms < $at ORDER BY at_ms DESC LIMIT 1", ("$at", unixMs));
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read()
            ? new TimelineCheckpoint(reader.GetInt64(0), JsonSerializer.Deserialize<DetectorStates>(reader.GetString(1))!)
            : null;
    }

    public void DropAfter(long unixMs) => Execute("DELETE FROM detector_checkpoints WHERE device_id = $device AND at_ms > $at", ("$at", unixMs));

    public void DropBefore(long unixMs) => Execute("DELETE FROM detector_checkpoints WHERE device_id = $device AND at_ms < $at", ("$at", unixMs));

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        savepoint.BeforeWrite();
        using SqliteCommand command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
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
