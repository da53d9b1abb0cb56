using RydBox.Simulator.Ecus;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>
/// Each catalogue scenario, played on a stepped clock, leaves the ground truth it promises. Home
/// and work are recomputed the way every catalogue scenario draws them first (DrawHomeAndWork on the
/// box's seed), so the truth is held against the world, not against itself.
/// </summary>
public sealed class CatalogScenarioTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    /// <summary>Trip and tow start and end points lie on the places' road nodes; GNSS plays no part here.</summary>
    private const double PlaceToleranceMetres = 25;

    private readonly ScenarioWorld _world = fixture.World;

    public static TheoryData<int> Seeds => [7, 40_961];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Commute_drives_to_work_and_back_as_two_trips_of_the_routes_lengths(int seed)
    {
        ScenarioPlayer played = ScenarioPlayer.Play(_world, "commute", seed);
        (int home, int work) = _world.DrawHomeAndWork(new Random(seed));

        TripTruth[] trips = played.Truth.OfKind<TripTruth>().OrderBy(t => t.StartUnixMs).ToArray();
        trips.Should().HaveCount(2);
        ShouldMatchRoute(trips[0], _world.RouteBetween(home, work), _world.PositionOf(home), _world.PositionOf(work));
        ShouldMatchRoute(trips[1], _world.RouteBetween(work, home), _world.PositionOf(work), _world.PositionOf(home));
        (trips[1].StartUnixMs - trips[0].EndUnixMs).Should().BeGreaterThanOrEqualTo(30 * 60_000, "the car stands at work for 30 to 60 minutes");
        played.Truth.OfKind<TowTruth>().Should().BeEmpty();
        played.Truth.OfKind<SpeedingTruth>().Should().BeEmpty("the commuter keeps to the limits");
    }

    [Fact]
    public void Overnight_stands_still_for_ten_hours_and_leaves_nothing_to_report()
    {
        ScenarioPlayer played = ScenarioPlayer.Play(_world, "overnight", 7);

        played.Run.IsFinished.Should().BeTrue();
        played.Vehicle.TimeMilliseconds.Should().BeGreaterThanOrEqualTo(10 * 3_600_000L);
        played.Truth.OfKind<TripTruth>().Should().BeEmpty();
        played.Truth.OfKind<TowTruth>().Should().BeEmpty();

        // In the open with the quiescent drain only: no tunnel, no flat battery, no drive, no fence.
        played.Truth.Records.Should().BeEmpty();
        GeoMath.DistanceMetres(Position(played.Vehicle.State), played.Plan.Start).Should().BeLessThan(0.01);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Towed_is_one_tow_along_the_route_and_no_trip(int seed)
    {
        ScenarioPlayer played = ScenarioPlayer.Play(_world, "towed", seed);
        (int home, int elsewhere) = _world.DrawHomeAndWork(new Random(seed));
        Route route = _world.RouteBetween(home, elsewhere);

        TowTruth tow = played.Truth.OfKind<TowTruth>().Should().ContainSingle().Subject;
        tow.DistanceKm.Should().BeApproximately(route.LengthMetres / 1000, route.LengthMetres / 1000 * 0.02);
        GeoMath.DistanceMetres(tow.From, _world.PositionOf(home)).Should().BeLessThan(PlaceToleranceMetres);
        GeoMath.DistanceMetres(tow.To, _world.PositionOf(elsewhere)).Should().BeLessThan(PlaceToleranceMetres);
        double hours = (tow.EndUnixMs - tow.StartUnixMs) / 3_600_000.0;
        (tow.DistanceKm / hours).Should().BeLessThanOrEqualTo(ScenarioCatalog.TowSpeedKmh, "the tow truck goes no faster than its speed");
        played.Truth.OfKind<TripTruth>().Should().BeEmpty("the ignition stays off");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Tunnel_loses_the_sky_inside_the_motorway_tunnel_while_driving(int seed)
    {
        GeoPoint tunnelStart = _world.PositionOf(_world.Places.TunnelStart);
        long? atTunnelStart = null;
        ScenarioPlayer played = new ScenarioPlayer(_world, ScenarioCatalog.Find("tunnel")!, seed).PlayToEnd(afterRead: (_, state) =>
        {
            if (atTunnelStart is null && state.SpeedKmh > 0 && GeoMath.DistanceMetres(Position(state), tunnelStart) < PlaceToleranceMetres)
            {
                atTunnelStart = state.TimeMilliseconds;
            }
        });

        atTunnelStart.Should().NotBeNull("the drive passes the junction before the tunnel");
        TripTruth trip = played.Truth.OfKind<TripTruth>().Should().ContainSingle().Subject;
        NoSkyTruth[] inTunnel = played.Truth.OfKind<NoSkyTruth>()
            .Where(n => n.StartUnixMs > ScenarioPlayer.Unix(atTunnelStart!.Value))
            .ToArray();
        NoSkyTruth tunnel = inTunnel.Should().ContainSingle("the stretch between the junctions has one tunnel").Subject;
        tunnel.StartUnixMs.Should().BeGreaterThan(trip.StartUnixMs);
        tunnel.EndUnixMs.Should().BeLessThan(trip.EndUnixMs, "the sky comes back before the car is parked");

        // 600 to 1 200 m of tunnel at motorway speed.
        (tunnel.EndUnixMs - tunnel.StartUnixMs).Should().BeInRange(10_000, 120_000);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Outage_is_ten_minutes_of_network_loss_that_the_box_link_sees_too(int seed)
    {
        ScenarioPlayer played = ScenarioPlayer.Play(_world, "outage", seed);

        OutageTruth outage = played.Truth.OfKind<OutageTruth>().Should().ContainSingle().Subject;
        (outage.EndUnixMs - outage.StartUnixMs).Should().Be(10 * 60_000);
        long from = outage.StartUnixMs - ScenarioPlayer.StartUnixMs;
        long to = outage.EndUnixMs - ScenarioPlayer.StartUnixMs;
        NetworkOutages outages = played.Run.Outages;
        outages.Covers(from - 1).Should().BeFalse();
        outages.Covers(from).Should().BeTrue();
        outages.Covers((from + to) / 2).Should().BeTrue();
        outages.Covers(to - 1).Should().BeTrue();
        outages.Covers(to).Should().BeFalse("the window ends where the truth says the network came back");

        TripTruth trip = played.Truth.OfKind<TripTruth>().Should().ContainSingle().Subject;
        outage.EndUnixMs.Should().BeGreaterThan(trip.StartUnixMs, "the network is lost around the drive");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dtc_sets_a_misfire_during_the_drive_in_the_engine_ecu(int seed)
    {
        ScenarioPlayer played = ScenarioPlayer.Play(_world, "dtc", seed);

        DtcTruth dtc = played.Truth.OfKind<DtcTruth>().Should().ContainSingle().Subject;
        dtc.Code.Should().Be("P0301");
        dtc.Cleared.Should().BeFalse();
        TripTruth trip = played.Truth.OfKind<TripTruth>().Should().ContainSingle().Subject;
        dtc.StartUnixMs.Should().BeInRange(trip.StartUnixMs, trip.EndUnixMs, "the code appears during the drive");
        played.Run.Ecus.Engine.Dtcs.Stored.Should().Equal(DtcText.Parse(ScenarioCatalog.MisfireCode));
        played.Run.Ecus.Transmission.Dtcs.Stored.Should().BeEmpty();
    }

    [Fact]
    public void Low_battery_starts_hours_after_the_drain_and_lasts_to_the_end()
    {
        long finishedAt = 0;
        ScenarioPlayer played = new ScenarioPlayer(_world, ScenarioCatalog.Find("low-battery")!, 7)
            .PlayToEnd(afterRead: (run, state) => finishedAt = run.IsFinished && finishedAt == 0 ? state.TimeMilliseconds : finishedAt);

        LowBatteryTruth low = played.Truth.OfKind<LowBatteryTruth>().Should().ContainSingle().Subject;
        low.Volts.Should().BeLessThan(TruthRecorder.LowBatteryVolts);

        // The drain begins after 5 to 10 minutes parked. From 95 % charge (12.6 V at rest), 8 A through
        // 15 to 20 mΩ pull the terminal under 11.8 V once the resting voltage falls below ~11.95 V, about
        // 43 % charge: 0.52 × 60 Ah / 8 A ≈ 3.9 h of drain.
        double hoursIntoDrain = (low.StartUnixMs - ScenarioPlayer.StartUnixMs) / 3_600_000.0;
        hoursIntoDrain.Should().BeInRange(5 / 60.0 + 3.4, 10 / 60.0 + 4.4);

        // Still low when the scenario ends: the truth closes the stretch there.
        low.EndUnixMs.Should().BeLessThanOrEqualTo(ScenarioPlayer.Unix(finishedAt))
            .And.BeGreaterThan(ScenarioPlayer.Unix(finishedAt - 1_000));
        played.Truth.OfKind<TripTruth>().Should().BeEmpty();
    }

    [Theory]
    [InlineData("speeding")]
    [InlineData("tunnel")]
    public void A_vehicle_living_where_its_drive_leads_lives_at_its_workplace_instead(string scenario)
    {
        // Found by a 10,000-box fleet: such a vehicle was routed from the motorway entrance to itself.
        int destination = scenario == "speeding" ? _world.Places.MotorwayStart : _world.Places.TunnelStart;
        int seed = Enumerable.Range(0, 1_000_000).First(s => _world.DrawHomeAndWork(new Random(s)).Home == destination);
        (_, int work) = _world.DrawHomeAndWork(new Random(seed));

        ScenarioPlan plan = ScenarioCatalog.Find(scenario)!.Plan(_world, new Random(seed));

        plan.Start.Should().Be(_world.PositionOf(work));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Speeding_happens_on_the_motorway_stretch_well_over_the_limit(int seed)
    {
        long? motorwayFrom = null;
        long motorwayTo = 0;
        ScenarioPlayer played = new ScenarioPlayer(_world, ScenarioCatalog.Find("speeding")!, seed).PlayToEnd(afterRead: (run, state) =>
        {
            if (run.Context.Vehicle.Progress is { SpeedingFactor: ScenarioCatalog.SpeedingFactor, IsFinished: false })
            {
                motorwayFrom ??= state.TimeMilliseconds;
                motorwayTo = state.TimeMilliseconds;
            }
        });

        motorwayFrom.Should().NotBeNull("the scenario drives the motorway too fast");
        SpeedingTruth[] speeding = played.Truth.OfKind<SpeedingTruth>().ToArray();
        speeding.Should().NotBeEmpty();
        speeding.Should().AllSatisfy(s =>
        {
            // Reads come every second; the stretch is known to the second.
            s.StartUnixMs.Should().BeGreaterThan(ScenarioPlayer.Unix(motorwayFrom!.Value - 1_000));
            s.EndUnixMs.Should().BeLessThanOrEqualTo(ScenarioPlayer.Unix(motorwayTo + 1_000));
            s.MaxSpeedKmh.Should().BeGreaterThan(s.LimitKmh * (1 + TruthRecorder.SpeedingMargin));
        });
        speeding.Should().Contain(s => s.LimitKmh == new RoadNetworkOptions().MotorwaySpeedLimitKmh, "most of the stretch has the motorway limit");
        speeding.Sum(s => s.EndUnixMs - s.StartUnixMs).Should().BeGreaterThan((motorwayTo - motorwayFrom!.Value) / 2, "the driver is too fast most of the way");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Geofence_leaves_home_and_enters_work(int seed)
    {
        long finishedAt = 0;
        ScenarioPlayer played = new ScenarioPlayer(_world, ScenarioCatalog.Find("geofence")!, seed)
            .PlayToEnd(afterRead: (run, state) => finishedAt = run.IsFinished && finishedAt == 0 ? state.TimeMilliseconds : finishedAt);
        (int home, int work) = _world.DrawHomeAndWork(new Random(seed));

        GeofenceTruth[] fences = played.Truth.OfKind<GeofenceTruth>().ToArray();
        fences.Select(f => f.Name).Should().Equal(["home", "work"], "each fence is visited once, home first");
        TripTruth trip = played.Truth.OfKind<TripTruth>().Should().ContainSingle().Subject;

        GeofenceTruth atHome = fences[0];
        atHome.Centre.Should().Be(_world.PositionOf(home));
        atHome.RadiusMetres.Should().Be(ScenarioCatalog.GeofenceRadiusMetres);
        atHome.StartUnixMs.Should().BeLessThanOrEqualTo(ScenarioPlayer.Unix(SimulatedVehicle.StepMilliseconds), "the car starts at home");
        atHome.EndUnixMs.Should().BeInRange(trip.StartUnixMs, trip.EndUnixMs, "it leaves home on the drive");

        GeofenceTruth atWork = fences[1];
        atWork.Centre.Should().Be(_world.PositionOf(work));
        atWork.StartUnixMs.Should().BeInRange(atHome.EndUnixMs, trip.EndUnixMs, "it arrives at work on the drive");
        atWork.EndUnixMs.Should().BeLessThanOrEqualTo(ScenarioPlayer.Unix(finishedAt))
            .And.BeGreaterThan(ScenarioPlayer.Unix(finishedAt - 1_000), "still at work when the scenario ends: the truth closes the stay there");
    }

    private static void ShouldMatchRoute(TripTruth trip, Route route, GeoPoint from, GeoPoint to)
    {
        double km = route.LengthMetres / 1000;
        trip.DistanceKm.Should().BeApproximately(km, km * 0.02);
        GeoMath.DistanceMetres(trip.Start, from).Should().BeLessThan(PlaceToleranceMetres);
        GeoMath.DistanceMetres(trip.End, to).Should().BeLessThan(PlaceToleranceMetres);
        trip.MaxSpeedKmh.Should().BeGreaterThan(0);
        trip.FuelUsedLitres.Should().BeGreaterThan(0);
    }

    private static GeoPoint Position(VehicleState state) => new(state.Latitude, state.Longitude, state.AltitudeMetres);
}
