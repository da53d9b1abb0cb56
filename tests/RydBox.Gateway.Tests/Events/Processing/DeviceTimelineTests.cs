using System.Text.Json;
using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Tests.Events.Detectors.Trips;

namespace RydBox.Gateway.Tests.Events.Processing;

/// <summary>
/// The timeline gives the events the detectors give over the observations in time order, however
/// they arrive: a box's events before the batch holding the same moment, batches held back by an
/// outage while the gateway's clock ticks on, a restart from the persisted state in between.
/// </summary>
public sealed class DeviceTimelineTests
{
    private const long Start = 1_764_000_000_000;
    private const long BatchMs = 10_000;
    private const long TickMs = 30_000;
    private static readonly Place Home = new(48.137, 11.575);
    private static readonly EventsOptions Options = new();

    [Fact]
    public void Batches_arriving_as_a_box_publishes_them_give_the_events_of_time_order()
    {
        Observation[] observations = TwoDrives();
        Dictionary<string, VehicleEvent> reference = InTimeOrder(observations);

        (Dictionary<string, VehicleEvent> played, int replays) = Play(observations, Arrival(observations, outage: null));

        reference.Values.OfType<TripEvent>().Should().HaveCount(2, "the script drives twice");
        played.Should().BeEquivalentTo(reference);
        replays.Should().Be(0, "nothing arrived later than the reorder window");
    }

    [Fact]
    public void Samples_reach_the_detectors_as_they_arrive_and_an_event_ahead_of_them_waits_for_them()
    {
        var timeline = new DeviceTimeline(new DetectorSet(Options, VehicleRules.None), Options, new MemoryCheckpointStore(), (_, _) => []);
        long window = (long)Options.SampleWindow.TotalMilliseconds;
        long ignition = Start + BatchMs;

        timeline.Receive(Batch(Start), Start + BatchMs);
        timeline.State.WatermarkUnixMs.Should().Be(Start + 9_000 - window, "samples in order wait only the sample window");
        timeline.State.Pending.Should().OnlyContain(o => o.UnixMilliseconds > Start + 9_000 - window);

        // The box publishes its IgnitionOn at once, the batch holding the same moment later.
        timeline.Receive([new BoxEventObservation(ignition + 500, BoxEventType.IgnitionOn, Home, 0, null)], ignition + 500);
        timeline.State.Pending.OfType<BoxEventObservation>().Should().ContainSingle("the event waits for the samples of its moment");
        timeline.State.WatermarkUnixMs.Should().Be(Start + 9_000 - window);

        timeline.Receive(Batch(ignition), ignition + BatchMs);
        timeline.State.Pending.OfType<BoxEventObservation>().Should().BeEmpty("the samples passed the event, which then took its place among them");
        timeline.State.WatermarkUnixMs.Should().Be(ignition + 9_000 - window);
        timeline.State.Detectors.Trip.Trip.Should().NotBeNull("the detectors saw the ignition");
    }

    [Fact]
    public void An_event_stamped_a_moment_before_a_sample_already_sent_is_put_before_it_without_a_replay()
    {
        var timeline = new DeviceTimeline(new DetectorSet(Options, VehicleRules.None), Options, new MemoryCheckpointStore(), (_, _) => []);
        timeline.Receive(Batch(Start), Start + BatchMs);

        // The box stamped its IgnitionOn at the start of the cycle whose sample it had already sent.
        TimelineResult result = timeline.Receive([new BoxEventObservation(Start + 9_000 - 10, BoxEventType.IgnitionOn, Home, 0, null)], Start + BatchMs);

        result.ReplayedFromUnixMs.Should().BeNull();
        timeline.State.ReplayDueFromUnixMs.Should().BeNull("the event was not late");
        timeline.State.Pending.Select(o => o.UnixMilliseconds).Should().BeInAscendingOrder().And.Contain(Start + 9_000 - 10);
    }

    [Fact]
    public void An_event_no_sample_catches_up_with_waits_at_most_the_reorder_window()
    {
        var timeline = new DeviceTimeline(new DetectorSet(Options, VehicleRules.None), Options, new MemoryCheckpointStore(), (_, _) => []);
        timeline.Receive([new SampleObservation(Start, Home, 0.9)], Start);

        timeline.Receive([new BoxEventObservation(Start + 1_000, BoxEventType.IgnitionOn, Home, 0, null)], Start + 1_000);
        timeline.Tick(Start + 1_000 + (long)Options.ReorderWindow.TotalMilliseconds - 1_000);
        timeline.State.Pending.Should().ContainSingle();

        timeline.Tick(Start + 1_000 + (long)Options.ReorderWindow.TotalMilliseconds);
        timeline.State.Pending.Should().BeEmpty();
        timeline.State.Detectors.Trip.Trip.Should().NotBeNull();
    }

    [Fact]
    public void Batches_held_back_by_an_outage_replay_into_the_same_trips()
    {
        Observation[] observations = TwoDrives();
        Dictionary<string, VehicleEvent> reference = InTimeOrder(observations);

        // The network is gone for 20 minutes during the first drive; the outbox sends everything afterwards, oldest first.
        long outageStart = Start + (13 * 60_000), outageEnd = outageStart + (20 * 60_000);
        (Dictionary<string, VehicleEvent> played, int replays) = Play(observations, Arrival(observations, (outageStart, outageEnd)));

        replays.Should().BeGreaterThan(0, "the gateway's ticks ended the trip during the silence, so the late data came after them");
        played.Should().BeEquivalentTo(reference);
    }

    [Fact]
    public void A_timeline_restored_from_its_json_goes_on_as_if_never_stopped()
    {
        Observation[] observations = TwoDrives();
        Dictionary<string, VehicleEvent> reference = InTimeOrder(observations);

        (Dictionary<string, VehicleEvent> played, _) = Play(observations, Arrival(observations, outage: null), restartAfter: observations.Length / 2);

        played.Should().BeEquivalentTo(reference);
    }

    private static SampleObservation[] Batch(long from) => [.. Enumerable.Range(0, 10).Select(i => new SampleObservation(from + (i * 1_000), Home, 0.9, 0, 0, 0, 12.4))];

    private static Observation[] TwoDrives() => [.. new DriveScript(Home, Start, seed: 5)
        .Parked(600)
        .EngineOn().Idle(30).Drive(420, 50, 90).Drive(300, 70, 0).Idle(20).EngineOff()
        .Parked(1200)
        .EngineOn().Idle(20).Drive(400, 60, 180).Idle(15).EngineOff()
        .Parked(900)
        .Observations];

    private static Dictionary<string, VehicleEvent> InTimeOrder(IEnumerable<Observation> observations)
    {
        var detectors = new DetectorSet(Options, VehicleRules.None);
        var emitted = new List<VehicleEvent>();
        DetectorStates states = detectors.Initial;
        foreach (Observation observation in ObservationOrder.Sort(observations))
        {
            states = detectors.Observe(states, observation, emitted);
        }

        return Latest(emitted, withdrawnAfter: []);
    }

    /// <summary>When each observation reaches the gateway: a box event at once, a row with the batch that closes at the next 10 s; during an outage, all at its end.</summary>
    private static long[] Arrival(Observation[] observations, (long From, long To)? outage) => observations.Select(o =>
    {
        long arrival = o is BoxEventObservation ? o.UnixMilliseconds : ((o.UnixMilliseconds / BatchMs) + 1) * BatchMs;
        return outage is var (from, to) && arrival >= from && arrival < to ? to : arrival;
    }).ToArray();

    private static (Dictionary<string, VehicleEvent> Latest, int Replays) Play(Observation[] observations, long[] arrivals, int? restartAfter = null)
    {
        var detectors = new DetectorSet(Options, VehicleRules.None);
        var checkpoints = new MemoryCheckpointStore();
        var stored = new List<Observation>();
        IReadOnlyList<Observation> StoredBetween(long from, long to) => ObservationOrder.Sort(stored.Where(o => o.UnixMilliseconds > from && o.UnixMilliseconds <= to));
        var timeline = new DeviceTimeline(detectors, Options, checkpoints, StoredBetween);
        var emitted = new List<VehicleEvent>();
        var withdrawnAfter = new List<(long From, int EmittedBefore)>();
        int replays = 0, delivered = 0;
        long end = arrivals.Max() + (3600 * 1000L);
        var groups = observations.Zip(arrivals).GroupBy(p => p.Second).OrderBy(g => g.Key).ToList();
        int group = 0;
        for (long now = Start; now <= end; now += BatchMs)
        {
            while (group < groups.Count && groups[group].Key <= now)
            {
                Observation[] arrived = groups[group++].Select(p => p.First).ToArray();
                stored.AddRange(arrived);
                TimelineResult result = timeline.Receive(arrived, now);
                if (result.ReplayedFromUnixMs is long replayedFrom)
                {
                    replays++;
                    withdrawnAfter.Add((replayedFrom, emitted.Count));
                }

                emitted.AddRange(result.Emitted);
                delivered += arrived.Length;
                if (restartAfter is int after && delivered >= after)
                {
                    restartAfter = null;
                    string json = JsonSerializer.Serialize(timeline.State);
                    timeline = new DeviceTimeline(detectors, Options, checkpoints, StoredBetween, JsonSerializer.Deserialize<TimelineState>(json));
                }
            }

            if (now % TickMs == 0)
            {
                TimelineResult ticked = timeline.Tick(now);
                if (ticked.ReplayedFromUnixMs is long replayedFrom)
                {
                    replays++;
                    withdrawnAfter.Add((replayedFrom, emitted.Count));
                }

                emitted.AddRange(ticked.Emitted);
            }
        }

        return (Latest(emitted, withdrawnAfter), replays);
    }

    /// <summary>The newest version of each event, without those a replay did not find again.</summary>
    private static Dictionary<string, VehicleEvent> Latest(List<VehicleEvent> emitted, List<(long From, int EmittedBefore)> withdrawnAfter)
    {
        var latest = new Dictionary<string, VehicleEvent>();
        for (int i = 0; i <= emitted.Count; i++)
        {
            foreach ((long from, int before) in withdrawnAfter.Where(w => w.EmittedBefore == i))
            {
                foreach (string key in latest.Where(e => e.Value.StartUnixMs > from).Select(e => e.Key).ToList())
                {
                    latest.Remove(key);
                }
            }

            if (i < emitted.Count)
            {
                latest[emitted[i].Key] = emitted[i];
            }
        }

        // Silence is the gateway's to notice: the time-ordered reference has no clock, so no offline episodes.
        return latest.Where(e => e.Value is not OfflineEvent).ToDictionary();
    }
}
