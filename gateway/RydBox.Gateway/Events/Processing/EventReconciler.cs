using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Writes what one step of a device's timeline found into vehicle_events and says what changed:
/// the newest version of each episode is kept; an unchanged one (found again by a replay) tells no
/// one; after a replay, the device's episodes that started after its checkpoint and were not found
/// again are withdrawn. Each stored change of a trip goes into the logbook's history too.
/// </summary>
internal static class EventReconciler
{
    /// <summary>Who the logbook's history names for changes detection made.</summary>
    private const string Actor = "gateway";

    public static List<EventNotification> Apply(
        SqliteConnection connection, SqliteTransaction transaction, string tenantId, string deviceId, TimelineResult result, DateTimeOffset now)
    {
        void TripChanged(string change, TripEvent trip) =>
            TripLog.Append(connection, transaction, new TripLogEntry(deviceId, trip.Key, change, null, null, EventJson.Serialize(trip), Actor, now.ToUnixTimeMilliseconds()));

        long nowMs = now.ToUnixTimeMilliseconds();
        var notifications = new List<EventNotification>();
        Dictionary<string, VehicleEvent> latest = [];
        foreach (VehicleEvent found in result.Emitted)
        {
            latest[found.Key] = found;
        }

        // Every stored version this step can touch: what it found again, and what a replay may withdraw.
        long since = Math.Min(result.ReplayedFromUnixMs ?? long.MaxValue, latest.Count == 0 ? long.MaxValue : latest.Values.Min(e => e.StartUnixMs) - 1);
        Dictionary<string, StoredEvent> stored = since == long.MaxValue ? [] : VehicleEventStore.Since(connection, transaction, deviceId, since);
        foreach (VehicleEvent found in latest.Values)
        {
            stored.TryGetValue(found.Key, out StoredEvent? before);
            bool known = before is { Withdrawn: null };
            if (known && EventJson.Serialize(before!.Event) == EventJson.Serialize(found))
            {
                continue;
            }

            VehicleEventStore.Upsert(connection, transaction, tenantId, deviceId, found, nowMs);
            notifications.Add(new EventNotification(tenantId, deviceId, found, ChangeOf(known ? before!.Event : null, found), now));
            if (found is TripEvent trip)
            {
                TripChanged(known ? TripLogChanges.Updated : TripLogChanges.Detected, trip);
            }
        }

        if (result.ReplayedFromUnixMs is long replayedFrom)
        {
            foreach (StoredEvent gone in stored.Values.Where(e => e.Withdrawn is null && e.Event.StartUnixMs > replayedFrom && !latest.ContainsKey(e.Event.Key)))
            {
                VehicleEventStore.Withdraw(connection, transaction, deviceId, gone.Event.Key, nowMs);
                if (gone.Event is TripEvent trip)
                {
                    TripChanged(TripLogChanges.Withdrawn, trip);
                    CarryClassification(connection, transaction, deviceId, trip, latest.Values.OfType<TripEvent>(), nowMs);
                }
            }
        }

        return notifications;
    }

    /// <summary>
    /// A classified trip that late data re-derived under another key (its start moved, two became
    /// one) hands its purpose and note to the trip that took its place, unless that one has its own.
    /// </summary>
    private static void CarryClassification(
        SqliteConnection connection, SqliteTransaction transaction, string deviceId, TripEvent withdrawn, IEnumerable<TripEvent> found, long nowMs)
    {
        if (TripLog.LatestClassification(connection, transaction, deviceId, withdrawn.Key) is not TripLogRow classification)
        {
            return;
        }

        TripEvent? successor = found
            .Where(t => t.StartUnixMs <= (withdrawn.EndUnixMs ?? long.MaxValue) && withdrawn.StartUnixMs <= (t.EndUnixMs ?? long.MaxValue))
            .OrderBy(t => Math.Abs(t.StartUnixMs - withdrawn.StartUnixMs))
            .FirstOrDefault();
        if (successor is null || TripLog.LatestClassification(connection, transaction, deviceId, successor.Key) is not null)
        {
            return;
        }

        TripLog.Append(connection, transaction, new TripLogEntry(
            deviceId, successor.Key, TripLogChanges.Classified, classification.Purpose, classification.Note, EventJson.Serialize(successor), $"{Actor} (from {withdrawn.Key})", nowMs));
    }

    private static EventChange ChangeOf(VehicleEvent? before, VehicleEvent now) => now switch
    {
        GeofenceEvent or DtcEvent or LowBatteryEvent => EventChange.Instant,
        { IsOpen: true } => before is null ? EventChange.Started : EventChange.Updated,
        _ => before is null || before.IsOpen ? EventChange.Ended : EventChange.Updated,
    };
}
