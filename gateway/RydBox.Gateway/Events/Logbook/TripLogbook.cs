using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Logbook;

/// <summary>A trip of the logbook: its latest stored version and the classification in force (null if none yet).</summary>
public sealed record LogbookTrip(string DeviceId, string Key, TripEvent Trip, DateTimeOffset Updated, DateTimeOffset? Withdrawn, LogbookClassification? Classification);

/// <summary>The newest classified row of a trip: what it was for, the note, when and by whom; <see cref="LogId"/> is the row in the trip log.</summary>
public sealed record LogbookClassification(string Purpose, string? Note, DateTimeOffset At, string Actor, long LogId);

/// <summary>
/// The logbook as people read it: a vehicle's trips (vehicle_events of kind trip that late data has
/// not withdrawn), in time order, each with its newest classification from the trip log.
/// </summary>
public sealed class TripLogbook(GatewayDatabase database)
{
    /// <summary>
    /// The tenant's vehicle's trips that started in [<paramref name="fromMs"/>, <paramref name="toMs"/>),
    /// oldest first, at most <paramref name="limit"/> (ask for one more to learn whether more follow).
    /// Trips still going on are included (no end yet).
    /// </summary>
    public IReadOnlyList<LogbookTrip> Trips(string tenantId, string deviceId, long fromMs, long toMs, int limit)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"""
            {SelectTrips}
            WHERE e.tenant_id = $tenant AND e.device_id = $device AND e.kind = $kind AND e.withdrawn_ms IS NULL
              AND e.start_ms >= $from AND e.start_ms < $to
            ORDER BY e.start_ms, e.event_key
            LIMIT $limit
            """;
        select.Parameters.AddWithValue("$from", fromMs);
        select.Parameters.AddWithValue("$to", toMs);
        select.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        return Read(select, tenantId, deviceId);
    }

    /// <summary>One trip of the tenant's vehicle, withdrawn ones too (see <see cref="LogbookTrip.Withdrawn"/>); null if there is none.</summary>
    public LogbookTrip? Find(string tenantId, string deviceId, string tripKey)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"{SelectTrips} WHERE e.tenant_id = $tenant AND e.device_id = $device AND e.kind = $kind AND e.event_key = $key";
        select.Parameters.AddWithValue("$key", tripKey);
        return Read(select, tenantId, deviceId).SingleOrDefault();
    }

    // The newest classified row per trip: the (device_id, trip_key, id) index finds it.
    private const string SelectTrips = """
        SELECT e.device_id, e.event_key, e.body, e.updated_ms, e.withdrawn_ms, c.purpose, c.note, c.at_ms, c.actor, c.id
        FROM vehicle_events e
        LEFT JOIN trip_log c ON c.id = (
            SELECT max(l.id) FROM trip_log l
            WHERE l.device_id = e.device_id AND l.trip_key = e.event_key AND l.change = 'classified')
        """;

    private static List<LogbookTrip> Read(SqliteCommand select, string tenantId, string deviceId)
    {
        select.Parameters.AddWithValue("$tenant", tenantId);
        select.Parameters.AddWithValue("$device", deviceId);
        select.Parameters.AddWithValue("$kind", EventKinds.Trip);
        using SqliteDataReader reader = select.ExecuteReader();
        var trips = new List<LogbookTrip>();
        while (reader.Read())
        {
            if (EventJson.Deserialize(reader.GetString(2)) is not TripEvent trip)
            {
                // The kind column says trip, so the body is one; a row that is not would be a bug elsewhere.
                throw new InvalidOperationException($"vehicle event {reader.GetString(1)} of {reader.GetString(0)} is stored as a trip but its body is not one");
            }

            LogbookClassification? classification = reader.IsDBNull(9) ? null : new LogbookClassification(
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.GetString(8),
                reader.GetInt64(9));
            trips.Add(new LogbookTrip(
                reader.GetString(0),
                reader.GetString(1),
                trip,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                classification));
        }

        return trips;
    }
}
