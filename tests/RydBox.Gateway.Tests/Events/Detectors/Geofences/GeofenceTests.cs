using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Geofences;

public sealed class GeofenceTests
{
    private static readonly Geofence HomeCircle = Geofence.Circle("home", "Home", Geo.Home, 205);

    /// <summary>
    /// A U-shaped (concave) yard, 300 m × 300 m with a 100 m wide notch cut from the north edge down to
    /// 100 m from the south edge: the notch is outside although it lies between the arms.
    /// </summary>
    private static readonly Geofence Yard = Geofence.Polygon("yard", "Depot yard",
    [
        Geo.Home.Offset(0, 0),
        Geo.Home.Offset(0, 300),
        Geo.Home.Offset(300, 300),
        Geo.Home.Offset(300, 200),
        Geo.Home.Offset(100, 200),
        Geo.Home.Offset(100, 100),
        Geo.Home.Offset(300, 100),
        Geo.Home.Offset(300, 0),
    ]);

    private static SampleObservation Fix(long t, Place p, double hdop = 1.2, double? speed = null) =>
        new(t, p, hdop, GnssSpeedKmh: speed);

    /// <summary>A drive at 1 Hz along the straight line from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static IEnumerable<SampleObservation> Drive(long start, Place from, Place to, int seconds) =>
        Enumerable.Range(0, seconds + 1).Select(i => Fix(
            start + Seconds(i),
            new Place(from.Latitude + ((to.Latitude - from.Latitude) * i / seconds), from.Longitude + ((to.Longitude - from.Longitude) * i / seconds)),
            speed: 36));

    [Fact]
    public void Arriving_home_and_leaving_again_emit_one_enter_and_one_exit_at_the_first_fixes_clear_of_the_margin()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions());
        Place away = Geo.Home.Offset(0, 1000);
        var sequence = new List<Observation>();
        sequence.AddRange(Enumerable.Range(0, 5).Select(i => Fix(T0 + Minutes(i), away)));          // parked 1 km east
        sequence.AddRange(Drive(T0 + Minutes(10), away, Geo.Home, 100));                          // 10 m/s west to the centre
        sequence.AddRange(Enumerable.Range(1, 30).Select(i => Fix(T0 + Minutes(12 + i), Geo.Home.Offset(i % 3, -(i % 2)))));
        sequence.AddRange(Drive(T0 + Minutes(60), Geo.Home, Geo.Home.Offset(-1000, 0), 100));    // 10 m/s south

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().HaveCount(2);
        var enter = (GeofenceEvent)events[0];
        enter.Transition.Should().Be(GeofenceTransition.Enter);
        enter.FenceId.Should().Be("home");
        enter.FenceName.Should().Be("Home");
        // 1000 m → 185 m from the centre (20 m inside) after 81.5 s at 10 m/s: the fix at 82 s, 180 m out.
        enter.StartUnixMs.Should().Be(T0 + Minutes(10) + Seconds(82));
        enter.EndUnixMs.Should().Be(enter.StartUnixMs);
        Geo.Home.DistanceMetresTo(enter.Position).Should().BeApproximately(180, 1);
        var exit = (GeofenceEvent)events[1];
        exit.Transition.Should().Be(GeofenceTransition.Exit);
        exit.StartUnixMs.Should().Be(T0 + Minutes(60) + Seconds(23));
        Geo.Home.DistanceMetresTo(exit.Position).Should().BeApproximately(230, 1);
        exit.Key.Should().NotBe(enter.Key);

        AssertRoundTripAnywhere(detector, sequence);
    }

    [Fact]
    public void The_first_usable_fix_sets_the_side_without_an_event_and_fixes_in_the_margin_decide_nothing()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions());
        var sequence = new List<Observation>
        {
            Fix(T0, Geo.Home.Offset(0, 195)),                // within the margin: undecided
            Fix(T0 + Minutes(1), Geo.Home.Offset(0, 205)),   // still within it
            Fix(T0 + Minutes(2), Geo.Home.Offset(0, 150)),   // clearly inside: sets the side, silently
        };

        (List<VehicleEvent> events, GeofenceState state) = Run(detector, detector.Initial, sequence);

        events.Should().BeEmpty();
        state.Fences.Should().ContainSingle().Which.Side.Should().Be(GeofenceSide.Inside);
        Run(detector, detector.Initial, sequence.Take(2)).State.Fences.Single().Side.Should().Be(GeofenceSide.Unknown);
    }

    [Fact]
    public void A_car_parked_on_the_boundary_for_a_day_with_drift_and_multipath_jumps_never_flaps()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions());
        var random = new Random(6);
        var sequence = new List<Observation> { Fix(T0, Geo.Home.Offset(0, 100)) }; // known inside
        double north = 0, east = 205;                                                // parked on the edge
        for (int i = 1; i <= 24 * 60; i++)
        {
            north = Math.Clamp(north + (random.NextDouble() * 4) - 2, -8, 8);
            east = Math.Clamp(east + (random.NextDouble() * 4) - 2, 197, 213);
            double jumpNorth = 0, jumpEast = 0;
            if (i % 97 == 0)
            {
                // An occasional multipath jump of 20-60 m in any direction, one fix long.
                double angle = random.NextDouble() * 2 * Math.PI, size = 20 + (random.NextDouble() * 40);
                (jumpNorth, jumpEast) = (size * Math.Sin(angle), size * Math.Cos(angle));
            }

            sequence.Add(Fix(T0 + Minutes(i), Geo.Home.Offset(north + jumpNorth, east + jumpEast), 0.8 + (random.NextDouble() * 1.7)));
        }

        Run(detector, sequence).Should().BeEmpty();
    }

    [Fact]
    public void Fixes_with_a_bad_hdop_are_ignored()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions());
        var sequence = new List<Observation> { Fix(T0, Geo.Home) };
        sequence.AddRange(Enumerable.Range(1, 10).Select(i => Fix(T0 + Seconds(i), Geo.Home.Offset(0, 500), hdop: 9.9)));

        Run(detector, sequence).Should().BeEmpty();

        sequence.AddRange(Enumerable.Range(11, 3).Select(i => Fix(T0 + Seconds(i), Geo.Home.Offset(0, 500), hdop: 4.9)));
        Run(detector, sequence).Should().ContainSingle().Which.Should().BeOfType<GeofenceEvent>()
            .Which.StartUnixMs.Should().Be(T0 + Seconds(11));
    }

    [Fact]
    public void Two_multipath_fixes_in_a_row_are_not_an_exit_but_three_are()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions());
        Place inside = Geo.Home.Offset(0, 150), outside = Geo.Home.Offset(0, 260);
        var twoOut = new List<Observation> { Fix(T0, inside), Fix(T0 + Minutes(1), outside), Fix(T0 + Minutes(2), outside), Fix(T0 + Minutes(3), inside) };
        Run(detector, twoOut).Should().BeEmpty();

        var threeOut = new List<Observation> { Fix(T0, inside), Fix(T0 + Minutes(1), outside), Fix(T0 + Minutes(2), outside), Fix(T0 + Minutes(3), outside) };
        Run(detector, threeOut).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new GeofenceEvent(T0 + Minutes(1), "home", "Home", GeofenceTransition.Exit, outside));
    }

    [Fact]
    public void MinimumDwell_holds_the_transition_until_the_run_lasted_long_enough()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions { MinimumFixes = 1, MinimumDwell = TimeSpan.FromMinutes(2) });
        Place outside = Geo.Home.Offset(0, 500);
        var sequence = new List<Observation> { Fix(T0, outside) };
        sequence.AddRange(Enumerable.Range(1, 3).Select(i => Fix(T0 + Minutes(i), Geo.Home)));

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().ContainSingle().Which.StartUnixMs.Should().Be(T0 + Minutes(1));
        Run(detector, sequence.Take(3)).Should().BeEmpty("after 1 min of the 2 min dwell nothing is decided");
    }

    [Fact]
    public void A_concave_polygon_knows_its_notch_is_outside()
    {
        Yard.Validate();
        Yard.Contains(Geo.Home.Offset(200, 150)).Should().BeFalse("the notch between the arms is outside");
        Yard.Contains(Geo.Home.Offset(200, 50)).Should().BeTrue("the west arm");
        Yard.Contains(Geo.Home.Offset(200, 250)).Should().BeTrue("the east arm");
        Yard.Contains(Geo.Home.Offset(50, 150)).Should().BeTrue("the base");
        Yard.SignedDistanceMetres(Geo.Home.Offset(200, 150)).Should().BeApproximately(50, 0.5, "50 m from either arm");
        Yard.SignedDistanceMetres(Geo.Home.Offset(200, 50)).Should().BeApproximately(-50, 0.5);
        Yard.SignedDistanceMetres(Geo.Home.Offset(-40, 150)).Should().BeApproximately(40, 0.5, "40 m south of the south edge");
        Yard.SignedDistanceMetres(Geo.Home.Offset(340, 330)).Should().BeApproximately(50, 0.5, "50 m from the north-east corner (30, 40, 50)");
    }

    [Fact]
    public void Driving_into_the_notch_of_a_concave_polygon_is_not_an_enter_but_reaching_the_base_is()
    {
        var detector = new GeofenceDetector([Yard], new GeofenceOptions());
        Place north = Geo.Home.Offset(600, 150);
        var intoNotch = new List<Observation>();
        intoNotch.AddRange(Drive(T0, north, Geo.Home.Offset(175, 150), 85));   // 5 m/s south into the notch, stopping 75 m above its end
        intoNotch.AddRange(Enumerable.Range(1, 10).Select(i => Fix(T0 + Minutes(1 + i), Geo.Home.Offset(175, 150))));
        Run(detector, intoNotch).Should().BeEmpty();

        var intoBase = new List<Observation>(intoNotch);
        intoBase.AddRange(Drive(T0 + Minutes(20), Geo.Home.Offset(175, 150), Geo.Home.Offset(25, 150), 15));
        GeofenceEvent enter = Run(detector, intoBase).Should().ContainSingle().Which.Should().BeOfType<GeofenceEvent>().Subject;
        enter.Transition.Should().Be(GeofenceTransition.Enter);
        // 20 m inside the base means 80 m or less north of the south edge: the fix at 75 m, 10 s after leaving 175 m.
        enter.StartUnixMs.Should().Be(T0 + Minutes(20) + Seconds(10));

        AssertRoundTripAnywhere(detector, intoBase);
    }

    [Fact]
    public void A_circle_narrower_than_twice_the_margin_can_still_be_entered()
    {
        var detector = new GeofenceDetector([Geofence.Circle("spot", "Parking spot", Geo.Home, 10)], new GeofenceOptions());
        var sequence = new List<Observation> { Fix(T0, Geo.Home.Offset(0, 100)) };
        sequence.AddRange(Enumerable.Range(1, 3).Select(i => Fix(T0 + Seconds(i), Geo.Home.Offset(0, 2))));

        Run(detector, sequence).Should().ContainSingle().Which.Should().BeOfType<GeofenceEvent>()
            .Which.Transition.Should().Be(GeofenceTransition.Enter);
    }

    [Fact]
    public void Fences_added_or_removed_between_runs_keep_the_others_tracks_and_start_new_ones_unknown()
    {
        Geofence school = Geofence.Circle("school", "School", Geo.Home.Offset(2000, 0), 150);
        Geofence work = Geofence.Circle("work", "Work", Geo.Home.Offset(0, 3000), 300);
        var before = new GeofenceDetector([school, HomeCircle], new GeofenceOptions());
        (_, GeofenceState saved) = Run(before, before.Initial, [Fix(T0, Geo.Home)]);
        saved.Fences.Select(f => (f.FenceId, f.Side)).Should().Equal(("school", GeofenceSide.Outside), ("home", GeofenceSide.Inside));

        // School removed, work added, order changed.
        var after = new GeofenceDetector([work, HomeCircle], new GeofenceOptions());
        List<Observation> leaving = [.. Drive(T0 + Minutes(5), Geo.Home, Geo.Home.Offset(0, 3000), 300)];
        (List<VehicleEvent> events, GeofenceState state) = Run(after, saved, leaving);

        // The new fence's first fix (3 km away) only set its side: arriving there is an enter, nothing more.
        events.Cast<GeofenceEvent>().Select(e => (e.FenceId, e.Transition)).Should().Equal(("home", GeofenceTransition.Exit), ("work", GeofenceTransition.Enter));
        state.Fences.Select(f => (f.FenceId, f.Side)).Should().Equal(("work", GeofenceSide.Inside), ("home", GeofenceSide.Outside));
    }

    [Fact]
    public void Observations_other_than_fixes_pass_through_with_the_same_state()
    {
        var detector = new GeofenceDetector([HomeCircle], new GeofenceOptions());
        (_, GeofenceState state) = Run(detector, detector.Initial, [Fix(T0, Geo.Home)]);
        var events = new List<VehicleEvent>();

        detector.Observe(state, new ClockTick(T0 + 1), events).Should().BeSameAs(state);
        detector.Observe(state, new ConnectionObservation(T0 + 2, false), events).Should().BeSameAs(state);
        detector.Observe(state, new SampleObservation(T0 + 3, SupplyVolts: 12.5), events).Should().BeSameAs(state);
        detector.Observe(state, Fix(T0 + 4, Geo.Home.Offset(5, 5)), events).Should().BeSameAs(state, "still inside: nothing changed");
        events.Should().BeEmpty();
    }

    public static TheoryData<Geofence, string> InvalidFences => new()
    {
        { Geofence.Circle("a", "A", Geo.Home, 0), "radius must be more than 0 m" },
        { Geofence.Circle("a", "A", Geo.Home, -5), "radius must be more than 0 m" },
        { Geofence.Circle("a", "A", Geo.Home, double.NaN), "radius must be more than 0 m" },
        { Geofence.Circle("a", "A", new Place(91, 0), 100), "latitude 91, outside -90..90" },
        { Geofence.Circle("a", "A", new Place(0, -180.5), 100), "longitude -180.5, outside -180..180" },
        { Geofence.Polygon("p", "P", [Geo.Home, Geo.Home.Offset(0, 100)]), "at least 3 vertices (got 2)" },
        { Geofence.Polygon("p", "P", [Geo.Home, Geo.Home.Offset(0, 100), Geo.Home]), "at least 3 vertices (got 2)" },
        { Geofence.Polygon("p", "P", [Geo.Home, Geo.Home.Offset(100, 100), Geo.Home.Offset(0, 100), Geo.Home.Offset(100, 0)]), "must be simple" },
        { Geofence.Polygon("p", "P", [Geo.Home, Geo.Home.Offset(0, 100), Geo.Home.Offset(0, 200)]), "no area" },
        { Geofence.Polygon("p", "P", [Geo.Home, Geo.Home.Offset(0, 100), new Place(48, 200)]), "vertex 2 has longitude 200" },
        { new Geofence("c", "C", GeofenceShape.Circle), "circle without a centre" },
        { new Geofence(" ", "C", GeofenceShape.Circle, Geo.Home, 10), "non-empty id" },
    };

    [Theory]
    [MemberData(nameof(InvalidFences))]
    public void Invalid_shapes_are_rejected_with_a_clear_message(Geofence fence, string message)
    {
        fence.Invoking(f => f.Validate()).Should().Throw<ArgumentException>().WithMessage($"*{message}*");
        FluentActions.Invoking(() => new GeofenceDetector([fence], new GeofenceOptions())).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_polygon_closed_by_repeating_its_first_vertex_is_valid_and_two_fences_with_one_id_are_not()
    {
        Geofence closed = Geofence.Polygon("t", "Triangle", [Geo.Home, Geo.Home.Offset(0, 100), Geo.Home.Offset(100, 0), Geo.Home]);
        closed.Validate();
        closed.Contains(Geo.Home.Offset(20, 20)).Should().BeTrue();

        FluentActions.Invoking(() => new GeofenceDetector([HomeCircle, HomeCircle with { Name = "Again" }], new GeofenceOptions()))
            .Should().Throw<ArgumentException>().WithMessage("*'home'*");
    }
}
