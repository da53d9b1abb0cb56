using Microsoft.Extensions.Logging.Abstractions;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Sampling;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>
/// Virtual boxes with their accelerometer playing catalogue scenarios: a tow that starts while the
/// box sleeps in standby alarms within a minute, and an engine started after a parked stretch is on
/// within seconds, where the box's standby and parked cycles alone took minutes.
/// </summary>
public sealed class VirtualBoxMotionWakeTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    /// <summary>Slow enough that the box looks at its sensor about every simulated second while something happens.</summary>
    private static readonly SimulationPace Pace = new(Active: 200, Parked: 50_000);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    /// <summary>Without the sensor, this seed's box alarmed 3.5 minutes into the tow (its standby cycle had just passed).</summary>
    [Fact]
    public void A_tow_that_starts_in_standby_raises_the_tow_alarm_within_a_minute()
    {
        (VirtualBox box, EventMessage[] events) = Play("towed", seed: 4);

        TowTruth tow = box.Run.Truth.OfKind<TowTruth>().Should().ContainSingle().Subject;
        (tow.StartUnixMs - ScenarioPlayer.StartUnixMs).Should().BeGreaterThan(new SamplingOptions().StandbyAfterMs, "the box sleeps in standby when the tow starts");
        EventMessage alarm = events.Should().ContainSingle(e => e.Type == BoxEventType.TowAlarmStarted).Subject;
        alarm.UnixMilliseconds.Should().BeInRange(tow.StartUnixMs, tow.StartUnixMs + 60_000, "the tow shook the box awake");
    }

    /// <summary>Without the sensor, this seed's box saw the second engine start three minutes late (in standby).</summary>
    [Fact]
    public void An_engine_start_after_a_parked_stretch_is_seen_within_seconds()
    {
        (VirtualBox box, EventMessage[] events) = Play("commute", seed: 3);

        TripTruth[] trips = [.. box.Run.Truth.OfKind<TripTruth>()];
        trips.Should().HaveCount(2);
        long[] ignitionOn = [.. events.Where(e => e.Type == BoxEventType.IgnitionOn).Select(e => e.UnixMilliseconds)];
        ignitionOn.Should().HaveCount(2);
        for (int i = 0; i < trips.Length; i++)
        {
            ignitionOn[i].Should().BeInRange(trips[i].StartUnixMs, trips[i].StartUnixMs + 10_000, "the engine's vibration woke the box (trip {0})", i + 1);
        }
    }

    /// <summary>Plays a catalogue scenario on a box that captures what it publishes; returns the box and its events in order.</summary>
    private (VirtualBox Box, EventMessage[] Events) Play(string scenario, int seed)
    {
        string deviceId = $"motion-{scenario}-{seed}";
        string eventTopic = WireTopics.Build(deviceId, TopicKind.Event);
        var captured = new List<CapturedMessage>();
        var box = new VirtualBox(
            new VirtualBoxSettings(deviceId, "motion-secret", new Uri("mqtt://127.0.0.1:1"), ObdPath.Elm327, seed),
            fixture.World,
            ScenarioCatalog.Find(scenario)!,
            ScenarioPlayer.StartUnixMs,
            Pace,
            NullLogger.Instance,
            capture: m =>
            {
                lock (captured)
                {
                    captured.Add(m);
                }
            });
        var failures = new List<Exception>();
        using (box)
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

        box.Runtime.Outbox.Count.Should().Be(0, "everything the box made was captured");
        lock (captured)
        {
            return (box, [.. captured.Where(m => m.Topic == eventTopic).Select(m => EventDecoder.Decode(m.Payload)).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence)]);
        }
    }
}
