using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Detectors.Towing;
using RydBox.Gateway.Events.Detectors.Trips;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.Trips;
using static RydBox.Gateway.Tests.Events.Detectors.Trips.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Towing;

public sealed class TowingDetectorTests
{
    private const long T0 = 1_767_000_000_000;
    private static readonly Place Home = new(48.137, 11.575);
    private readonly TowingDetector _detector = new(new TowingOptions());

    [Fact]
    public void A_thousand_parked_nights_of_gnss_drift_raise_no_towing_and_no_trip()
    {
        var trips = new TripDetector(new TripOptions());
        int rows = 0, jumps = 0;
        for (int night = 0; night < 1_000; night++)
        {
            List<Observation> observations = ParkedNightGenerator.Night(seed: night, T0 + (night * 86_400_000L));
            rows += observations.Count;
            jumps += CountJumps(observations);

            Run(_detector, observations).Should().BeEmpty($"night {night} is parked drift only");
            Run(trips, observations).Should().BeEmpty($"night {night} is no trip");
            Run(trips, ParkedNightGenerator.Night(seed: night, T0, withIgnitionData: false)).Should().BeEmpty($"night {night} without ignition data moves nowhere");
        }

        rows.Should().BeGreaterThan(100_000, "the nights are long enough to mean something");
        jumps.Should().BeGreaterThan(1_000, "the drift includes multipath jumps");
    }

    [Fact]
    public void A_single_sixty_metre_jump_or_a_two_row_jump_while_parked_raises_nothing()
    {
        var script = new DriveScript(Home, T0) { Obd = false }.Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(600);
        script.Add(new SampleObservation(script.Now + 30_000, Geo.Offset(Home, 60, 0), 2.5, 0.5, SupplyVolts: 12.6));
        script.Parked(600);
        script.Add(new SampleObservation(script.Now + 30_000, Geo.Offset(Home, 0, -60), 2.5, 0.5, SupplyVolts: 12.6));
        script.Add(new SampleObservation(script.Now + 60_000, Geo.Offset(Home, 0, -60), 2.5, 0.5, SupplyVolts: 12.6));
        script.Parked(600);

        Run(_detector, script.Observations).Should().BeEmpty();
    }

    [Fact]
    public void A_tow_seen_only_by_the_server_is_one_episode_detected_within_two_minutes_with_its_path()
    {
        var script = new DriveScript(Home, T0).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(1_800);
        long towStart = script.Now + 20_000;
        script.Parked(20, interval: 20).Towed(600, 40, 45);
        long towEnd = script.Now;
        Place dropped = script.Truth;
        script.Parked(1_800);

        List<Emission> emissions = Run(_detector, script.Observations);

        emissions.Select(e => e.Event.Key).Distinct().Should().ContainSingle();
        emissions.Should().HaveCount(2, "one alert when it starts, one when it ends");
        var open = (TowingEvent)emissions[0].Event;
        open.IsOpen.Should().BeTrue();
        emissions[0].ObservedAtUnixMs.Should().BeLessThanOrEqualTo(towStart + 120_000, "detected within two minutes");
        open.StartUnixMs.Should().BeCloseTo(towStart, 120_000);
        open.From.DistanceMetresTo(Home).Should().BeLessThan(15);
        var closed = (TowingEvent)emissions[1].Event;
        closed.EndUnixMs!.Value.Should().BeCloseTo(towEnd, 90_000);
        closed.To!.DistanceMetresTo(dropped).Should().BeLessThan(20);
        closed.Path.Should().HaveCountGreaterThan(5);
        closed.Path.Should().BeInAscendingOrder(p => p.UnixMilliseconds);
        closed.RaisedByBox.Should().BeFalse();
    }

    [Fact]
    public void The_box_alarm_and_the_server_evidence_make_one_episode()
    {
        var script = new DriveScript(Home, T0).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(1_800);
        long towStart = script.Now;

        // The box samples every 2 s while it confirms, then every 10 s while its alarm runs.
        script.Towed(16, 40, 90, interval: 2);
        script.Add(new BoxEventObservation(script.Now, BoxEventType.TowAlarmStarted, script.Truth, 120, "speed"));
        script.Towed(600, 40, 90, interval: 10);
        long towEnd = script.Now;
        script.Parked(300, interval: 10);
        script.Add(new BoxEventObservation(script.Now, BoxEventType.TowAlarmEnded, script.Truth, 5_000, "still"));
        script.Parked(1_800);

        List<Emission> emissions = Run(_detector, script.Observations);

        emissions.Select(e => e.Event.Key).Distinct().Should().ContainSingle("box alarm and server evidence are one episode");
        emissions.Should().HaveCount(2);
        var closed = (TowingEvent)emissions[^1].Event;
        closed.StartUnixMs.Should().BeCloseTo(towStart, 15_000);
        closed.EndUnixMs!.Value.Should().BeCloseTo(towEnd, 30_000);
        closed.RaisedByBox.Should().BeTrue();
        closed.Path.Count.Should().BeInRange(10, new TowingOptions().MaxPathPoints);
    }

    [Fact]
    public void The_box_alarm_alone_with_no_evidence_of_the_servers_is_no_episode()
    {
        // The server ignores these fixes (HDOP 9) and so has no evidence; the box alarmed all the same.
        var script = new DriveScript(Home, T0) { Hdop = 9 }.Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(600);
        long alarm = script.Now + 1_000;
        script.Add(new BoxEventObservation(alarm, BoxEventType.TowAlarmStarted, Home, 80, "displacement"));
        script.Add(new BoxEventObservation(alarm + 900_000, BoxEventType.TowAlarmEnded, Geo.Offset(Home, 2_000, 0), 2_000, "still"));

        Run(_detector, script.Observations).Should().BeEmpty();
    }

    [Fact]
    public void A_box_alarm_the_box_ends_within_moments_alerts_no_one()
    {
        // Seen in 1,000 simulated parked nights: the box's own detector alarmed on GNSS drift.
        var script = new DriveScript(Home, T0).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(600);
        long alarm = script.Now + 1_000;
        script.Add(new BoxEventObservation(alarm, BoxEventType.TowAlarmStarted, Home, 80, "displacement"));
        script.Add(new BoxEventObservation(alarm + 5_000, BoxEventType.TowAlarmEnded, Home, 10, "still"));
        script.Parked(1_800);

        Run(_detector, script.Observations).Should().BeEmpty();
    }

    [Fact]
    public void Ignition_on_ends_the_episode_and_the_drive_is_no_tow()
    {
        var script = new DriveScript(Home, T0).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(1_800);
        script.Towed(300, 30, 0, interval: 10);
        long ignition = script.Now;
        script.EngineOn(voltageSeenAfter: 1, ignitionEventAfter: 3).Idle(20).Drive(600, 50, 90).Idle(10).EngineOff();
        script.Parked(600);

        List<TowingEvent> episodes = Latest<TowingEvent>(Run(_detector, script.Observations));

        episodes.Should().ContainSingle().Which.EndUnixMs!.Value.Should().BeCloseTo(ignition, 2_000);
    }

    [Fact]
    public void After_an_episode_the_place_it_stopped_is_the_new_parked_position()
    {
        var script = new DriveScript(Home, T0).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(1_800);
        script.Towed(600, 40, 180, interval: 10);
        script.Hdop = 2.2;
        script.Parked(12 * 3_600, interval: 300);

        Latest<TowingEvent>(Run(_detector, script.Observations)).Should().ContainSingle();
    }

    [Fact]
    public void A_long_tow_path_is_thinned_to_the_maximum()
    {
        var options = new TowingOptions { MaxPathPoints = 50 };
        var script = new DriveScript(Home, T0).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(1_800);
        script.Towed(3_600, 60, 90, interval: 2).Parked(900, interval: 10);

        TowingEvent closed = Latest<TowingEvent>(Run(new TowingDetector(options), script.Observations)).Should().ContainSingle().Subject;

        closed.Path.Count.Should().BeInRange(25, 50);
        closed.Path[^1].Position.DistanceMetresTo(closed.To!).Should().BeLessThan(1_000);
    }

    [Fact]
    public void State_persisted_through_json_mid_episode_gives_the_same_events()
    {
        var script = new DriveScript(Home, T0, seed: 3).Add(new BoxEventObservation(T0, BoxEventType.IgnitionOff, null, 0, null)).Parked(1_800);
        script.Towed(16, 40, 90, interval: 2).Add(new BoxEventObservation(script.Now, BoxEventType.TowAlarmStarted, script.Truth, 120, "speed"));
        script.Towed(600, 40, 90, interval: 10).Parked(1_800);
        IReadOnlyList<Observation> observations = script.Observations;
        string uninterrupted = Json(Run(_detector, observations));
        uninterrupted.Should().Contain("towing");

        foreach (int split in new[] { 3, 31, 40, 60, observations.Count - 5 })
        {
            Json(Run(_detector, observations, roundTripAt: split)).Should().Be(uninterrupted);
        }
    }

    private static int CountJumps(List<Observation> night)
    {
        Place[] fixes = [.. night.OfType<SampleObservation>().Select(s => s.Position!)];
        return fixes.Skip(1).Zip(fixes).Count(p => p.First.DistanceMetresTo(p.Second) > 20);
    }
}
