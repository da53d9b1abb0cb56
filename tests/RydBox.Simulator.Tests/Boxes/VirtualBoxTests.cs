using Microsoft.Extensions.Logging.Abstractions;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Wire;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Scenarios;
using RydBox.Simulator.Time;
using RydBox.Testing.Brokers;
using GeoPoint = RydBox.Simulator.Routes.GeoPoint;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>
/// A virtual box end to end: the real firmware core sampling a scenario's vehicle through the
/// emulated ELM327 or straight on the CAN bus, on a scheduler thread at accelerated time, and
/// publishing to a real broker what a gateway would decode.
/// </summary>
public sealed class VirtualBoxTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private const string Secret = "virtual-box-secret";

    /// <summary>GNSS noise and multipath around the road, and the road's shape points 50 m apart.</summary>
    private const double RouteToleranceMetres = 80;

    /// <summary>Simulated time for the firmware to confirm a change, and for a scheduling hiccup at the accelerated pace.</summary>
    private const long Slack = 60_000;

    /// <summary>Fast enough for a short test, slow enough that the box samples every simulated second of the drive.</summary>
    private static readonly SimulationPace Pace = new(Active: 120, Parked: 1_200);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly long ParkedSampling = new SamplingOptions().ParkedIntervalMs;

    private readonly Route _route = ShortRoute(fixture.World);

    [Theory]
    [InlineData(ObdPath.Elm327)]
    [InlineData(ObdPath.Can)]
    public void Publishes_the_drive_as_telemetry_and_events_and_leaves_nothing_behind(ObdPath path)
    {
        string deviceId = "vbox-" + path.ToString().ToLowerInvariant();
        using var broker = new EmbeddedBroker(new BrokerAccount(deviceId, Secret));
        using var observer = broker.Observe($"rydbox/v1/{deviceId}/#");
        using VirtualBox box = PlayToEnd(deviceId, path, broker, new ScriptBuilder().Park(TimeSpan.FromMinutes(2)));

        box.Runtime.Outbox.Count.Should().Be(0, "the box delivered everything before it went offline");
        box.IsDone.Should().BeTrue();
        (TelemetryMessage[] batches, EventMessage[] events, StatusMessage[] statuses) = Delivered(observer, deviceId, box);
        ShouldBeTheDrive(batches.SelectMany(b => b.Samples).ToArray(), box);

        TripTruth trip = box.Run.Truth.OfKind<TripTruth>().Should().ContainSingle().Subject;
        EventMessage ignitionOn = events.Should().ContainSingle(e => e.Type == BoxEventType.IgnitionOn).Subject;
        ignitionOn.UnixMilliseconds.Should().BeInRange(trip.StartUnixMs, trip.StartUnixMs + ParkedSampling + Slack, "a parked box looks once a minute");
        EventMessage ignitionOff = events.Should().ContainSingle(e => e.Type == BoxEventType.IgnitionOff).Subject;
        ignitionOff.UnixMilliseconds.Should().BeInRange(trip.EndUnixMs, trip.EndUnixMs + Slack, "a driving box looks every second");

        statuses.Should().Contain(s => s.Online && s.Vin == box.Run.Ecus.Identity.Vin, "the box read the VIN through its vehicle path");
        statuses[^1].Online.Should().BeFalse("the box said goodbye when it stopped");
        box.CallsRefusedByOutages.Should().Be(0);
    }

    [Fact]
    public void Rides_out_a_network_outage_and_delivers_what_it_stored_meanwhile()
    {
        const string DeviceId = "vbox-outage";
        var outage = TimeSpan.FromMinutes(2);
        using var broker = new EmbeddedBroker(new BrokerAccount(DeviceId, Secret));
        using var observer = broker.Observe($"rydbox/v1/{DeviceId}/#");
        using VirtualBox box = PlayToEnd(
            DeviceId, ObdPath.Elm327, broker, new ScriptBuilder().Park(TimeSpan.FromMinutes(1)).Outage(TimeSpan.FromSeconds(30), outage).Hold(TimeSpan.FromMinutes(1)));

        box.Runtime.Outbox.Count.Should().Be(0);
        box.CallsRefusedByOutages.Should().BeGreaterThan(0, "the box tried to reach the broker during the outage");
        OutageTruth cut = box.Run.Truth.OfKind<OutageTruth>().Should().ContainSingle().Subject;
        (TelemetryMessage[] batches, _, StatusMessage[] statuses) = Delivered(observer, DeviceId, box);
        TelemetrySample[] samples = batches.SelectMany(b => b.Samples).ToArray();
        ShouldBeTheDrive(samples, box);
        samples.Should().Contain(s => s.UnixMilliseconds > cut.StartUnixMs + 30_000 && s.UnixMilliseconds < cut.EndUnixMs - 30_000, "what was sampled offline was stored and forwarded");

        // Offline then online: the broker published the will when the network went, and the box came
        // back. (The box is usually online before the outage too, unless connecting took longer in
        // real time than the simulated minute and a half before it.)
        statuses.Select(s => s.Online).Should().ContainInConsecutiveOrder([false, true], "the box lost its connection without a goodbye and came back");
    }

    /// <summary>
    /// Plays <paramref name="before"/>, then starts the engine, drives the short route and parks for a
    /// minute, on a box started on its own scheduler; stops the box once the scenario has ended.
    /// </summary>
    private VirtualBox PlayToEnd(string deviceId, ObdPath path, EmbeddedBroker broker, ScriptBuilder before)
    {
        // The definition is asked for a plan once, by the box; the steps it returns keep their state.
        var scenario = new ScenarioDefinition("short-drive", "a test's own script", (_, _) => new ScenarioPlan(
            "short-drive",
            _route.Start,
            before.StartEngine(TimeSpan.FromSeconds(20)).Drive(_route).Park(TimeSpan.FromMinutes(1)).Steps,
            []));
        var box = new VirtualBox(
            new VirtualBoxSettings(deviceId, Secret, broker.Address, path, Seed: 17), fixture.World, scenario, ScenarioPlayer.StartUnixMs, Pace, NullLogger.Instance);
        var failures = new List<Exception>();
        using (var sampling = new StepScheduler(1))
        using (var uplinks = new StepScheduler(1))
        {
            sampling.StepFailed += failures.Add;
            uplinks.StepFailed += failures.Add;
            box.Start(sampling, uplinks);
            SpinWait.SpinUntil(() => box.Run.IsFinished || failures.Count > 0, Patience).Should().BeTrue("the scenario should play to its end");
            failures.Should().BeEmpty();
            box.Stop(TimeSpan.FromSeconds(10));
        }

        return box;
    }

    /// <summary>What the broker passed on from the box, each message once; fails unless every batch and event the box made is there.</summary>
    private static (TelemetryMessage[] Batches, EventMessage[] Events, StatusMessage[] Statuses) Delivered(TestMqttClient observer, string deviceId, VirtualBox box)
    {
        string telemetry = WireTopics.Build(deviceId, TopicKind.Telemetry);
        string events = WireTopics.Build(deviceId, TopicKind.Event);
        observer.WaitFor(telemetry, (int)box.Runtime.BatchesQueued, Patience);
        observer.WaitFor(events, (int)box.Runtime.EventsQueued, Patience);
        IReadOnlyList<ReceivedMessage> received = observer.Received;

        TelemetryMessage[] batches = Distinct(received.Where(m => m.Topic == telemetry).Select(m => TelemetryDecoder.Decode(m.Payload)), b => b.Sequence);
        batches.Should().HaveCount((int)box.Runtime.BatchesQueued, "every batch made reached the broker");
        EventMessage[] decodedEvents = Distinct(received.Where(m => m.Topic == events).Select(m => EventDecoder.Decode(m.Payload)), e => e.Sequence);
        decodedEvents.Should().HaveCount((int)box.Runtime.EventsQueued);
        StatusMessage[] statuses = received.Where(m => m.Topic == WireTopics.Build(deviceId, TopicKind.Status)).Select(m => StatusDecoder.Decode(m.Payload)).ToArray();
        return (batches, decodedEvents, statuses);
    }

    private void ShouldBeTheDrive(TelemetrySample[] samples, VirtualBox box)
    {
        samples.Should().NotBeEmpty();
        long[] times = samples.Select(s => s.UnixMilliseconds).ToArray();
        times.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        times[0].Should().BeGreaterThanOrEqualTo(ScenarioPlayer.StartUnixMs);
        box.Clock.TryGetUnixMilliseconds(out long now);
        times[^1].Should().BeLessThanOrEqualTo(now);

        GeoPoint[] positions = samples
            .Where(s => s.Find(SignalIds.Latitude) is not null && s.Find(SignalIds.Longitude) is not null)
            .Select(s => new GeoPoint(s.Find(SignalIds.Latitude)!.Value, s.Find(SignalIds.Longitude)!.Value))
            .ToArray();
        positions.Length.Should().BeGreaterThan(30, "the box samples its position every second of the drive");
        positions.Should().AllSatisfy(p => _route.Points.Min(r => GeoMath.DistanceMetres(r.Position, p)).Should().BeLessThan(RouteToleranceMetres));
        positions.Max(p => GeoMath.DistanceMetres(p, _route.Start)).Should().BeGreaterThan(
            GeoMath.DistanceMetres(_route.Start, _route.End) * 0.8, "the positions follow the car to the end of its route");

        double[] obdSpeeds = samples.Select(s => s.Find(SignalIds.ForPid(0x0D, 0))).OfType<SignalValue>().Select(v => v.Value).ToArray();
        obdSpeeds.Should().NotBeEmpty("the box reads the speed from the ECU");
        obdSpeeds.Max().Should().BeGreaterThan(20);
    }

    /// <summary>One of each, should the broker deliver a message twice (QoS 1).</summary>
    private static T[] Distinct<T>(IEnumerable<T> messages, Func<T, long> sequence) =>
        messages.DistinctBy(sequence).OrderBy(sequence).ToArray();

    /// <summary>A drive of one to two kilometres from the world's home.</summary>
    private static Route ShortRoute(ScenarioWorld world)
    {
        int home = world.Places.Home;
        return Enumerable.Range(0, world.Network.Nodes.Count)
            .Where(n => n != home)
            .Select(n => world.RouteBetween(home, n))
            .First(r => r.LengthMetres is > 1_000 and < 2_000);
    }
}
