using RydBox.Gateway.Events.Detectors.Trips;
using RydBox.Gateway.Events.Model;
using static RydBox.Gateway.Tests.Events.Detectors.Trips.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Trips;

public sealed class TripDetectorTests
{
    private const long T0 = 1_767_000_000_000;
    private static readonly Place Home = new(48.137, 11.575);
    private readonly TripDetector _detector = new(new TripOptions());

    /// <summary>Parked, engine on, idle, drive, lights (with start-stop rpm 0), drive, park, engine off, parked.</summary>
    private static DriveScript Commute(int seed = 1)
    {
        var script = new DriveScript(Home, T0, seed).Parked(900);
        script.EngineOn().Idle(60).Drive(300, 50, 90).Idle(45, rpm: 0).Idle(10).Drive(240, 70, 0).Idle(20).EngineOff();
        return script.Parked(1_800);
    }

    [Fact]
    public void An_ignition_trip_starts_and_ends_within_a_minute_of_the_ignition_with_the_distance_within_two_percent()
    {
        DriveScript script = Commute();

        List<Emission> emissions = Run(_detector, script.Observations);

        TripEvent[] versions = [.. emissions.Select(e => e.Event).OfType<TripEvent>()];
        versions.Select(v => v.Key).Distinct().Should().ContainSingle("a stop at the lights with the engine stopped keeps it one trip");
        versions[0].IsOpen.Should().BeTrue("the trip is emitted open once credible");
        TripEvent trip = versions[^1];
        trip.IsOpen.Should().BeFalse();
        trip.Source.Should().Be(TripSource.Ignition);
        trip.StartUnixMs.Should().BeCloseTo(script.IgnitionOnTimes[0], 60_000);
        trip.EndUnixMs!.Value.Should().BeCloseTo(script.IgnitionOffTimes[0], 60_000);
        trip.DistanceKm.Should().BeApproximately(script.DrivenMetres / 1_000, script.DrivenMetres / 1_000 * 0.02);
        trip.MaxSpeedKmh.Should().BeApproximately(70, 1);
        trip.AverageSpeedKmh.Should().BeApproximately(trip.DistanceKm / ((trip.EndUnixMs.Value - trip.StartUnixMs) / 3_600_000.0), 0.1);
        trip.StartPlace.DistanceMetresTo(Home).Should().BeLessThan(15);
        trip.EndPlace!.DistanceMetresTo(script.Truth).Should().BeLessThan(20);
    }

    [Fact]
    public void A_late_ignition_on_event_does_not_move_the_start_placed_by_the_first_rpm()
    {
        var script = new DriveScript(Home, T0).Parked(600);
        long engineOn = script.Now;
        script.EngineOn(voltageSeenAfter: 5, ignitionEventAfter: 60).Idle(30).Drive(600, 50, 45).Idle(10).EngineOff();
        script.Parked(600);

        TripEvent trip = Latest<TripEvent>(Run(_detector, script.Observations)).Should().ContainSingle().Subject;

        trip.StartUnixMs.Should().BeCloseTo(engineOn, 10_000);
    }

    [Fact]
    public void A_start_seen_late_by_a_box_in_standby_is_placed_back_and_the_odometer_bridges_the_unseen_distance()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(600, 50, 90).Idle(10).EngineOff();
        script.Parked(600).Parked(7_200, interval: 300);
        script.StartUnseen(100, 50, 0).Drive(100, 50, 90, recorded: false).Drive(900, 50, 90).Idle(10).EngineOff();
        double secondTrip = script.DrivenMetres / 1_000;
        script.Parked(600);
        var firstOnly = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(600, 50, 90);
        secondTrip -= firstOnly.DrivenMetres / 1_000;

        List<TripEvent> trips = Latest<TripEvent>(Run(_detector, script.Observations));

        trips.Should().HaveCount(2);
        trips[1].StartUnixMs.Should().BeCloseTo(script.IgnitionOnTimes[1], 60_000);
        trips[1].StartPlace.DistanceMetresTo(trips[0].EndPlace!).Should().BeLessThan(20);
        trips[1].DistanceKm.Should().BeApproximately(secondTrip, secondTrip * 0.02);
    }

    [Fact]
    public void Without_the_box_ignition_off_the_voltage_drop_ends_the_trip_at_the_last_sign_of_the_engine()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(600, 50, 90).Idle(10).EngineOff(ignitionEventAfter: null);
        script.Parked(1_200);

        List<Emission> emissions = Run(_detector, script.Observations);

        Emission closed = emissions.Should().Contain(e => !e.Event.IsOpen).Subject;
        closed.Event.EndUnixMs!.Value.Should().BeCloseTo(script.IgnitionOffTimes[0], 10_000);
        closed.ObservedAtUnixMs.Should().BeGreaterThanOrEqualTo(script.IgnitionOffTimes[0] + 180_000, "the stop is confirmed first");
    }

    [Fact]
    public void Without_gnss_in_a_tunnel_the_obd_speed_keeps_the_distance_right()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(300, 80, 90);
        script.Drive(180, 80, 90, gnss: false).Drive(300, 80, 90).Idle(10).EngineOff();
        script.Parked(600);

        TripEvent trip = Latest<TripEvent>(Run(_detector, script.Observations)).Should().ContainSingle().Subject;

        trip.DistanceKm.Should().BeApproximately(script.DrivenMetres / 1_000, script.DrivenMetres / 1_000 * 0.02);
    }

    [Fact]
    public void A_data_gap_shorter_than_the_option_keeps_one_trip_with_the_straight_line_across_it()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(300, 50, 90);
        script.Drive(180, 50, 90, recorded: false).Drive(300, 50, 90).Idle(10).EngineOff();
        script.Parked(600);

        TripEvent trip = Latest<TripEvent>(Run(_detector, script.Observations)).Should().ContainSingle().Subject;

        trip.DistanceKm.Should().BeApproximately(script.DrivenMetres / 1_000, script.DrivenMetres / 1_000 * 0.02);
        trip.EndUnixMs!.Value.Should().BeCloseTo(script.IgnitionOffTimes[0], 60_000);
    }

    [Fact]
    public void A_data_gap_longer_than_the_option_ends_the_trip_at_its_last_observation()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(300, 50, 90);
        long lastBeforeGap = script.Now;
        script.Drive(900, 50, 90, recorded: false).Drive(300, 50, 90).Idle(10).EngineOff();
        script.Parked(600);

        List<TripEvent> trips = Latest<TripEvent>(Run(_detector, script.Observations));

        trips.Should().HaveCount(2);
        trips[0].EndUnixMs.Should().Be(lastBeforeGap);
        trips[1].StartUnixMs.Should().Be(lastBeforeGap + 901_000, "the first rpm after the gap starts the second trip");
    }

    [Fact]
    public void A_clock_tick_past_the_gap_closes_a_silent_trip()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(300, 50, 90);
        long last = script.Now;
        script.Tick(300).Tick(601);

        List<Emission> emissions = Run(_detector, script.Observations);

        emissions.Should().NotBeEmpty();
        emissions[^1].ObservedAtUnixMs.Should().Be(last + 601_000);
        TripEvent closed = (TripEvent)emissions[^1].Event;
        closed.EndUnixMs.Should().Be(last);
        emissions.Count(e => e.ObservedAtUnixMs == last + 300_000).Should().Be(0, "a silence shorter than the gap closes nothing");
    }

    [Fact]
    public void A_trip_too_short_is_dropped_and_never_emitted()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(10).Drive(40, 15, 90).Idle(10).EngineOff();
        script.Parked(600);
        script.DrivenMetres.Should().BeLessThan(200);

        Run(_detector, script.Observations).Should().BeEmpty();
    }

    [Fact]
    public void Idling_without_moving_is_no_trip()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(600).EngineOff();
        script.Parked(600);

        Run(_detector, script.Observations).Should().BeEmpty();
    }

    [Fact]
    public void Without_obd_a_trip_comes_from_movement_and_ends_where_it_stood_still()
    {
        var script = new DriveScript(Home, T0) { Obd = false }.Parked(900);
        long moved = script.Now;
        script.Drive(600, 50, 90).Drive(120, 30, 180);
        long stopped = script.Now;
        script.Parked(240, interval: 5).Parked(1_800);

        TripEvent trip = Latest<TripEvent>(Run(_detector, script.Observations)).Should().ContainSingle().Subject;

        trip.Source.Should().Be(TripSource.Movement);
        trip.StartUnixMs.Should().BeCloseTo(moved, 60_000);
        trip.EndUnixMs!.Value.Should().BeCloseTo(stopped, 60_000);
        trip.DistanceKm.Should().BeApproximately(script.DrivenMetres / 1_000, script.DrivenMetres / 1_000 * 0.02);
        trip.FuelUsedLitres.Should().BeNull("nothing says how much fuel was burnt");
    }

    [Fact]
    public void Without_obd_a_tow_with_the_battery_resting_is_no_trip()
    {
        // Found by the demo: a GNSS-only box on a tow truck made a movement trip besides the towing alarm.
        var script = new DriveScript(Home, T0) { Obd = false }.Parked(900);
        script.Towed(1_200, 40, 90, interval: 10).Parked(1_800);

        Run(_detector, script.Observations).Should().BeEmpty("moving with the battery at rest is being carried, not driving");
    }

    [Fact]
    public void Parked_drift_with_multipath_jumps_is_no_trip_with_or_without_ignition_data()
    {
        for (int night = 0; night < 300; night++)
        {
            Run(_detector, Towing.ParkedNightGenerator.Night(night, T0)).Should().BeEmpty();
            Run(_detector, Towing.ParkedNightGenerator.Night(night, T0, withIgnitionData: false)).Should().BeEmpty();
        }
    }

    [Fact]
    public void Fuel_used_integrates_the_mass_air_flow()
    {
        DriveScript script = Commute();

        TripEvent trip = Latest<TripEvent>(Run(_detector, script.Observations)).Should().ContainSingle().Subject;

        double expected = script.AirGrams / (FuelMath.StoichiometricAirFuelRatio * FuelMath.PetrolDensityGramsPerLitre);
        trip.FuelUsedLitres.Should().NotBeNull();
        trip.FuelUsedLitres!.Value.Should().BeApproximately(expected, expected * 0.03);
    }

    [Fact]
    public void The_odometer_difference_gives_the_distance_of_a_long_trip()
    {
        // Mostly without GNSS, and the OBD speed truncates 100.9 to 100 km/h: integrated it would be 0.9 % short.
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(60, 100.9, 90).Drive(840, 100.9, 90, gnss: false);
        script.Drive(60, 100.9, 90).Idle(10).EngineOff().Parked(600);

        TripEvent trip = Latest<TripEvent>(Run(_detector, script.Observations)).Should().ContainSingle().Subject;

        trip.DistanceKm.Should().BeApproximately(script.DrivenMetres / 1_000, 0.1);
    }

    [Fact]
    public void An_open_trip_is_updated_at_most_every_update_interval()
    {
        var script = new DriveScript(Home, T0).Parked(600).EngineOn().Idle(20).Drive(1_500, 50, 90).Idle(10).EngineOff();
        script.Parked(600);

        List<Emission> emissions = Run(_detector, script.Observations);

        Emission[] open = [.. emissions.Where(e => e.Event.IsOpen)];
        open.Length.Should().BeInRange(5, 7);
        open.Zip(open.Skip(1)).Should().OnlyContain(p => p.Second.ObservedAtUnixMs - p.First.ObservedAtUnixMs >= 300_000);
        emissions.Select(e => e.Event.Key).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void State_persisted_through_json_mid_trip_gives_the_same_events()
    {
        DriveScript script = Commute(seed: 7);
        IReadOnlyList<Observation> observations = script.Observations;
        string uninterrupted = Json(Run(_detector, observations));

        foreach (int split in new[] { 20, observations.Count / 3, observations.Count / 2, observations.Count - 40 })
        {
            Json(Run(_detector, observations, roundTripAt: split)).Should().Be(uninterrupted);
        }
    }

    [Fact]
    public void Observations_a_trip_does_not_use_return_the_same_state()
    {
        TripState state = _detector.Initial;
        var emitted = new List<VehicleEvent>();

        _detector.Observe(state, new ConnectionObservation(T0, true), emitted).Should().BeSameAs(state);
        _detector.Observe(state, new ClockTick(T0), emitted).Should().BeSameAs(state);
        emitted.Should().BeEmpty();
    }
}
