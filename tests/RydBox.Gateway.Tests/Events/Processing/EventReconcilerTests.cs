using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Events.Storage;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Events.Processing;

/// <summary>What one step of a device's timeline writes: new, changed and unchanged versions, withdrawals, the logbook's history.</summary>
public sealed class EventReconcilerTests : IDisposable
{
    private const string Device = "car-1";
    private const string Tenant = "tenant-a";
    private static readonly Place Home = new(48.1, 11.5);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_100_000_000);
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-reconciler-").FullName;
    private readonly GatewayDatabase _database;

    public EventReconcilerTests() => _database = new GatewayDatabase(Path.Combine(_directory, "gateway.db"));

    [Fact]
    public void A_trip_found_again_unchanged_tells_no_one_and_a_changed_one_is_an_update()
    {
        TripEvent open = Trip(1_764_000_000_000, end: null);
        TripEvent closed = open with { EndUnixMs = open.StartUnixMs + 600_000, DistanceKm = 7.5 };

        Apply(new TimelineResult([open], null)).Select(n => n.Change).Should().Equal(EventChange.Started);
        Apply(new TimelineResult([open], null)).Should().BeEmpty("the same version is stored already");
        Apply(new TimelineResult([closed], null)).Select(n => n.Change).Should().Equal(EventChange.Ended);

        History(open.Key).Select(r => r.Change).Should().Equal(TripLogChanges.Detected, TripLogChanges.Updated);
    }

    [Fact]
    public void A_replay_withdraws_what_it_did_not_find_again_and_the_classification_moves_to_the_trip_that_took_its_place()
    {
        TripEvent late = Trip(1_764_000_060_000, 1_764_000_600_000);
        Apply(new TimelineResult([late], null));
        using (SqliteConnection connection = _database.Open())
        using (SqliteTransaction transaction = connection.BeginTransaction())
        {
            TripLog.Append(connection, transaction, new TripLogEntry(Device, late.Key, TripLogChanges.Classified, "business", "Client visit", EventJson.Serialize(late), "api-key:k1", Now.ToUnixTimeMilliseconds()));
            transaction.Commit();
        }

        // Late data shows the drive began a minute earlier: the same trip under a new key.
        TripEvent earlier = Trip(1_764_000_000_000, 1_764_000_600_000);
        Apply(new TimelineResult([earlier], ReplayedFromUnixMs: 1_763_999_000_000));

        var store = new VehicleEventStore(_database);
        store.Find(Tenant, Device, late.Key)!.Withdrawn.Should().NotBeNull();
        store.Find(Tenant, Device, earlier.Key)!.Withdrawn.Should().BeNull();
        History(late.Key).Select(r => r.Change).Should().Equal(TripLogChanges.Detected, TripLogChanges.Classified, TripLogChanges.Withdrawn);
        TripLogRow carried = History(earlier.Key).Should().Contain(r => r.Change == TripLogChanges.Classified).Subject;
        carried.Should().Match<TripLogRow>(r => r.Purpose == "business" && r.Note == "Client visit" && r.Actor == $"gateway (from {late.Key})");
        using (SqliteConnection connection = _database.Open())
        {
            TripLog.Verify(connection, Device).Valid.Should().BeTrue();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static TripEvent Trip(long start, long? end) => new(start, end, Home, end is null ? null : Home, 7.4, 60, 44, null, TripSource.Ignition);

    private List<EventNotification> Apply(TimelineResult result)
    {
        using SqliteConnection connection = _database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        List<EventNotification> notifications = EventReconciler.Apply(connection, transaction, Tenant, Device, result, Now);
        transaction.Commit();
        return notifications;
    }

    private IReadOnlyList<TripLogRow> History(string key)
    {
        using SqliteConnection connection = _database.Open();
        return TripLog.History(connection, Device, key);
    }
}
