using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Privacy;

/// <summary>
/// Erases what event detection keeps about one device: its events, its logbook history, its
/// detectors' states and checkpoints (which hold positions), the webhook deliveries that carried
/// its events, and with the device its own geofences and curfews. A running event processor
/// notices the missing state and starts that device afresh. Retention expires the older part.
/// </summary>
internal static class DetectionErasure
{
    /// <summary>Deletes; returns the events and logbook rows deleted.</summary>
    public static long Erase(SqliteConnection connection, string deviceId, bool deleteDevice)
    {
        long deleted = PrivacySql.Repeat(
            connection,
            $"""
            DELETE FROM vehicle_events WHERE device_id = $device AND event_key IN
                (SELECT event_key FROM vehicle_events WHERE device_id = $device LIMIT {PrivacySql.ChunkRows})
            """,
            deviceId);
        deleted += PrivacySql.Repeat(
            connection,
            $"DELETE FROM trip_log WHERE id IN (SELECT id FROM trip_log WHERE device_id = $device LIMIT {PrivacySql.ChunkRows})",
            deviceId);
        PrivacySql.Repeat(
            connection,
            $"DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE device_id = $device LIMIT {PrivacySql.ChunkRows})",
            deviceId);
        PrivacySql.Execute(connection, "DELETE FROM detector_checkpoints WHERE device_id = $device", deviceId);
        PrivacySql.Execute(connection, "DELETE FROM detector_state WHERE device_id = $device", deviceId);
        if (deleteDevice)
        {
            PrivacySql.Execute(connection, "DELETE FROM geofences WHERE device_id = $device", deviceId);
            PrivacySql.Execute(connection, "DELETE FROM curfews WHERE device_id = $device", deviceId);
        }

        return deleted;
    }

    /// <summary>
    /// Retention: deletes the device's events that ended before <paramref name="cutoffMs"/> (open
    /// ones stay; trips stay with the logbook), its checkpoints and webhook deliveries from before it;
    /// returns the events deleted.
    /// </summary>
    public static long Expire(SqliteConnection connection, string deviceId, long cutoffMs)
    {
        (string, object) cutoff = ("$cutoff", cutoffMs);
        long deleted = PrivacySql.Repeat(
            connection,
            $"""
            DELETE FROM vehicle_events WHERE device_id = $device AND event_key IN
                (SELECT event_key FROM vehicle_events WHERE device_id = $device AND kind <> $trip AND end_ms < $cutoff LIMIT {PrivacySql.ChunkRows})
            """,
            deviceId,
            cutoff,
            ("$trip", EventKinds.Trip));
        PrivacySql.Execute(connection, "DELETE FROM detector_checkpoints WHERE device_id = $device AND at_ms < $cutoff", deviceId, cutoff);
        PrivacySql.Repeat(
            connection,
            $"DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE device_id = $device AND created_ms < $cutoff LIMIT {PrivacySql.ChunkRows})",
            deviceId,
            cutoff);
        return deleted;
    }
}
