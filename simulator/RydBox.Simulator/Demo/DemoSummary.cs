using Microsoft.Data.Sqlite;
using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Storage;
using RydBox.Simulator.Fleet;
using RydBox.Simulator.Scenarios;

namespace RydBox.Simulator.Demo;

/// <summary>
/// What the demo produced: what the gateway stored and detected for the demo's devices (trips,
/// towing and the other events it found, from vehicle_events), beside what really happened.
/// </summary>
public sealed record DemoSummary(
    int Vehicles,
    int VehiclesWithData,
    long SamplesMade,
    long SamplesStored,
    long BatchesStored,
    IReadOnlyDictionary<string, long> BoxEventsStored,
    long DeadLetters,
    int Trips,
    double TripKilometres,
    int TowingEpisodes,
    int Outages,
    long MessagesWaiting,
    int TripsDetected,
    double TripKilometresDetected,
    IReadOnlyDictionary<string, long> EventsDetected)
{
    public static DemoSummary Collect(GatewayDatabase database, VirtualFleet fleet)
    {
        string[] devices = fleet.Boxes.Select(b => b.Settings.DeviceId).ToArray();
        GroundTruth[] truths = fleet.Boxes.Select(b => b.Run.Truth).ToArray();
        using SqliteConnection connection = database.Open();
        string inDevices = $"device_id IN ({string.Join(", ", devices.Select((_, i) => $"$d{i}"))})";
        var events = new Dictionary<string, long>();
        using (SqliteCommand command = Command(connection, $"SELECT type, count(*) FROM box_events WHERE {inDevices} GROUP BY type ORDER BY type", devices))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                events[((BoxEventType)reader.GetInt32(0)).ToString()] = reader.GetInt64(1);
            }
        }

        var detected = new Dictionary<string, long>();
        int tripsDetected = 0;
        double kilometresDetected = 0;
        using (SqliteCommand command = Command(connection, $"SELECT kind, body FROM vehicle_events WHERE {inDevices} AND withdrawn_ms IS NULL ORDER BY kind", devices))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                string kind = reader.GetString(0);
                detected[kind] = detected.GetValueOrDefault(kind) + 1;
                if (EventJson.Deserialize(reader.GetString(1)) is TripEvent { IsOpen: false } trip)
                {
                    tripsDetected++;
                    kilometresDetected += trip.DistanceKm;
                }
            }
        }

        TripTruth[] trips = truths.SelectMany(t => t.OfKind<TripTruth>()).ToArray();
        return new DemoSummary(
            devices.Length,
            (int)Scalar(connection, $"SELECT count(DISTINCT device_id) FROM telemetry_batches WHERE {inDevices}", devices),
            fleet.Boxes.Sum(b => b.Runtime.SamplesQueued),
            Scalar(connection, $"SELECT coalesce(sum(sample_count), 0) FROM telemetry_batches WHERE {inDevices}", devices),
            Scalar(connection, $"SELECT count(*) FROM telemetry_batches WHERE {inDevices}", devices),
            events,
            Scalar(connection, $"SELECT count(*) FROM dead_letters WHERE {inDevices}", devices),
            trips.Length,
            trips.Sum(t => t.DistanceKm),
            truths.Sum(t => t.OfKind<TowTruth>().Count()),
            truths.Sum(t => t.OfKind<OutageTruth>().Count()),
            fleet.Boxes.Sum(b => (long)b.Runtime.Outbox.Count),
            tripsDetected,
            kilometresDetected,
            detected);
    }

    private static long Scalar(SqliteConnection connection, string sql, string[] devices)
    {
        using SqliteCommand command = Command(connection, sql, devices);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string[] devices)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < devices.Length; i++)
        {
            command.Parameters.AddWithValue($"$d{i}", devices[i]);
        }

        return command;
    }
}
