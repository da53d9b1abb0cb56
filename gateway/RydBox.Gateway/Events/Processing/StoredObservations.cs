using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Processing;

/// <summary>A device's stored observations over a time range, in <see cref="ObservationOrder"/>: what a replay of late data reads.</summary>
internal sealed class StoredObservations(ITelemetryStore telemetry, SqliteConnection connection, SqliteTransaction? transaction)
{
    /// <summary>Observations with <paramref name="fromUnixMs"/> &lt; time ≤ <paramref name="toUnixMs"/>.</summary>
    public IReadOnlyList<Observation> Between(string deviceId, long fromUnixMs, long toUnixMs)
    {
        if (toUnixMs <= fromUnixMs)
        {
            return [];
        }

        // The store reads from ≤ time < to; a replay may start at the beginning of time.
        DateTimeOffset from = fromUnixMs == long.MinValue ? DateTimeOffset.UnixEpoch : DateTimeOffset.FromUnixTimeMilliseconds(fromUnixMs + 1);
        IReadOnlyList<TelemetrySample> rows = telemetry.ReadAsync(deviceId, from, DateTimeOffset.FromUnixTimeMilliseconds(toUnixMs + 1), CancellationToken.None)
            .GetAwaiter().GetResult();
        var observations = new List<Observation>(rows.Count + 16);
        observations.AddRange(ObservationReader.Samples(rows));
        observations.AddRange(BoxEvents(deviceId, fromUnixMs, toUnixMs));
        return ObservationOrder.Sort(observations);
    }

    private List<Observation> BoxEvents(string deviceId, long fromUnixMs, long toUnixMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT type, time_ms, latitude_e7, longitude_e7, value, detail FROM box_events
            WHERE device_id = $device AND time_ms > $from AND time_ms <= $to
            ORDER BY time_ms, sequence
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$from", fromUnixMs);
        command.Parameters.AddWithValue("$to", toUnixMs);
        var events = new List<Observation>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            Place? position = reader.IsDBNull(2) || reader.IsDBNull(3) ? null : new Place(reader.GetInt64(2) / 1e7, reader.GetInt64(3) / 1e7);
            events.Add(new BoxEventObservation(
                reader.GetInt64(1), (BoxEventType)reader.GetInt32(0), position, reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return events;
    }
}
