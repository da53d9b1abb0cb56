using RydBox.Simulator.Routes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>How a scenario plays: deterministic from its seed whatever the read rhythm, when it is finished or quiet, and what its script's steps do.</summary>
public sealed class ScenarioRunTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private readonly ScenarioWorld _world = fixture.World;

    public static TheoryData<string> ScenarioNames => [.. ScenarioCatalog.All.Select(s => s.Name)];

    [Theory]
    [InlineData("commute")]
    [InlineData("dtc")]
    [InlineData("outage")]
    public void The_same_seed_tells_the_same_story_whether_read_every_step_or_every_minute(string scenario)
    {
        ScenarioDefinition definition = ScenarioCatalog.Find(scenario)!;
        ScenarioPlayer everyStep = new ScenarioPlayer(_world, definition, 11).PlayToEnd(SimulatedVehicle.StepMilliseconds);
        ScenarioPlayer everyMinute = new ScenarioPlayer(_world, definition, 11).PlayToEnd(60_000);
        ScenarioPlayer offBeat = new ScenarioPlayer(_world, definition, 11).PlayToEnd(2_345);

        everyStep.Truth.Records.Should().NotBeEmpty();
        everyMinute.Truth.Records.Should().Equal(everyStep.Truth.Records);
        offBeat.Truth.Records.Should().Equal(everyStep.Truth.Records);
        everyMinute.Truth.Seed.Should().Be(11);
        everyMinute.Truth.Scenario.Should().Be(scenario);
    }

    [Fact]
    public void Another_seed_tells_another_story()
    {
        ScenarioPlayer one = ScenarioPlayer.Play(_world, "commute", 11);
        ScenarioPlayer other = ScenarioPlayer.Play(_world, "commute", 12);

        other.Truth.Records.Should().NotEqual(one.Truth.Records);
    }

    [Fact]
    public void Finished_only_at_the_end_then_the_vehicle_stays_and_the_truth_stays_closed()
    {
        var player = new ScenarioPlayer(_world, ScenarioCatalog.Find("geofence")!, 5);
        player.Run.IsFinished.Should().BeFalse();
        player.Clock.Advance(60_000);
        player.Run.Read();
        player.Run.IsFinished.Should().BeFalse("the first park lasts five minutes at least");

        player.PlayToEnd();
        IReadOnlyList<TruthRecord> atEnd = player.Truth.Records;
        VehicleState parked = player.Vehicle.State;
        player.Clock.Advance(3_600_000);
        VehicleState later = player.Run.Read();

        player.Run.IsFinished.Should().BeTrue();
        player.Run.QuietUntil.Should().BeNull("after the script the box samples no more, so there is nothing to run fast towards");
        later.TimeMilliseconds.Should().Be(player.Clock.NowMilliseconds, "reads still follow the clock");
        later.Latitude.Should().Be(parked.Latitude);
        later.IgnitionOn.Should().BeFalse();
        player.Truth.Records.Should().Equal(atEnd);
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Quiet_only_while_parked_with_more_than_the_margin_left(string scenario)
    {
        var reads = new List<(VehicleState State, long? QuietUntil, bool Finished)>();
        new ScenarioPlayer(_world, ScenarioCatalog.Find(scenario)!, 3)
            .PlayToEnd(afterRead: (run, state) => reads.Add((state, run.QuietUntil, run.IsFinished)));

        var playing = reads.Where(r => !r.Finished).ToList();
        playing.Should().Contain(r => r.QuietUntil != null, "every scenario ends with a long park");
        var active = playing.Where(r => r.State.IgnitionOn || r.State.BeingTowed || r.State.SpeedKmh > 0).Select(r => r.State.TimeMilliseconds).ToArray();
        foreach ((VehicleState state, long? quietUntil, _) in playing.Where(r => r.QuietUntil != null))
        {
            quietUntil.Should().BeGreaterThan(state.TimeMilliseconds);
            state.IgnitionOn.Should().BeFalse();
            state.BeingTowed.Should().BeFalse();
            state.SpeedKmh.Should().Be(0);
            int next = Array.FindIndex(active, t => t > state.TimeMilliseconds);
            if (next >= 0)
            {
                (active[next] - state.TimeMilliseconds).Should().BeGreaterThan(
                    ScenarioRun.QuietMarginMilliseconds, $"at {state.TimeMilliseconds} ms the clock would race into what happens next");
                (active[next] - quietUntil!.Value).Should().BeGreaterThanOrEqualTo(
                    ScenarioRun.QuietMarginMilliseconds, "the clock slows down a margin before anything happens");
            }
        }
    }

    [Fact]
    public void Overnight_is_quiet_all_but_the_last_minutes()
    {
        int reads = 0;
        int quiet = 0;
        new ScenarioPlayer(_world, ScenarioCatalog.Find("overnight")!, 3).PlayToEnd(60_000, (run, _) =>
        {
            reads++;
            quiet += run.QuietUntil != null ? 1 : 0;
        });

        // Ten hours and more read each minute; only the two minutes before the end are watched.
        (reads - quiet).Should().BeInRange(2, 4, "the last two minutes and the read that finds the script over");
    }

    [Fact]
    public void A_script_that_ends_while_driving_closes_the_trip_and_the_fence_at_its_end()
    {
        Route route = ShortRoute();
        var fence = new Geofence("there", route.End, 100);
        ScriptBuilder script = new ScriptBuilder().StartEngine(TimeSpan.FromSeconds(10)).Drive(route);
        var plan = new ScenarioPlan("ends-driving", route.Start, script.Steps, [fence]);

        (ScenarioPlayer played, long finishedAt) = PlayPlan(plan);

        TripTruth trip = played.Truth.OfKind<TripTruth>().Should().ContainSingle("the ignition is still on at the end").Subject;
        trip.EndUnixMs.Should().BeInRange(ScenarioPlayer.Unix(finishedAt - 1_000), ScenarioPlayer.Unix(finishedAt));
        trip.DistanceKm.Should().BeApproximately(route.LengthMetres / 1000, route.LengthMetres / 1000 * 0.02);
        GeoMath.DistanceMetres(trip.End, route.End).Should().BeLessThan(1);
        GeofenceTruth there = played.Truth.OfKind<GeofenceTruth>().Should().ContainSingle().Subject;
        there.EndUnixMs.Should().Be(trip.EndUnixMs, "both are closed as of the last state");
        there.StartUnixMs.Should().BeInRange(trip.StartUnixMs, trip.EndUnixMs);
    }

    [Fact]
    public void A_script_that_ends_in_a_garage_closes_the_stretch_without_sky_at_its_end()
    {
        ScriptBuilder script = new ScriptBuilder().Park(TimeSpan.FromMinutes(1)).Park(TimeSpan.FromMinutes(5), underRoof: true);
        var plan = new ScenarioPlan("garage", ShortRoute().Start, script.Steps, []);

        (ScenarioPlayer played, long finishedAt) = PlayPlan(plan);

        NoSkyTruth garage = played.Truth.Records.Should().ContainSingle().Which.Should().BeOfType<NoSkyTruth>().Subject;
        garage.StartUnixMs.Should().BeInRange(ScenarioPlayer.Unix(60_000), ScenarioPlayer.Unix(60_000 + SimulatedVehicle.StepMilliseconds));
        garage.EndUnixMs.Should().BeInRange(ScenarioPlayer.Unix(finishedAt - 1_000), ScenarioPlayer.Unix(finishedAt));
        (garage.EndUnixMs - garage.StartUnixMs).Should().BeCloseTo(5 * 60_000, 1_000);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(7_000)]
    public void After_runs_its_action_once_exactly_its_delay_later_while_the_script_goes_on(long readEveryMs)
    {
        var ran = new List<long>();
        ScriptBuilder script = new ScriptBuilder()
            .Park(TimeSpan.FromMinutes(1))
            .After(TimeSpan.FromSeconds(90), "mark", (_, now) => ran.Add(now))
            .Hold(TimeSpan.FromMinutes(5));
        var plan = new ScenarioPlan("after", ShortRoute().Start, script.Steps, []);

        PlayPlan(plan, readEveryMs);

        ran.Should().Equal(150_000L);
    }

    [Fact]
    public void Outage_cuts_the_network_its_delay_after_its_point_for_its_duration()
    {
        ScriptBuilder script = new ScriptBuilder()
            .Hold(TimeSpan.FromSeconds(30))
            .Outage(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2))
            .Hold(TimeSpan.FromMinutes(10));
        var plan = new ScenarioPlan("cut", ShortRoute().Start, script.Steps, []);

        (ScenarioPlayer played, _) = PlayPlan(plan, 3_000);

        played.Truth.Records.Should().Equal(new OutageTruth(ScenarioPlayer.Unix(90_000), ScenarioPlayer.Unix(210_000)));
        played.Run.Outages.Covers(89_999).Should().BeFalse();
        played.Run.Outages.Covers(90_000).Should().BeTrue();
        played.Run.Outages.Covers(209_999).Should().BeTrue();
        played.Run.Outages.Covers(210_000).Should().BeFalse();
    }

    [Fact]
    public void The_estimate_adds_up_holds_and_drives()
    {
        Route route = ShortRoute();
        ScriptBuilder script = new ScriptBuilder().Park(TimeSpan.FromMinutes(2)).StartEngine(TimeSpan.FromSeconds(30)).Drive(route);
        var run = new ScenarioRun(
            new ScenarioPlan("estimate", route.Start, script.Steps, []), new SimulatedVehicle(1, route.Start), new RydBox.Simulator.Ecus.VehicleIdentity("RYD00000000000001"),
            new GroundTruth("d", "estimate", 1), new ManualClock(), ScenarioPlayer.StartUnixMs);

        // Drives are estimated at an average 60 km/h.
        run.EstimatedMilliseconds.Should().Be(150_000 + (long)(route.LengthMetres / (60 / 3.6) * 1000));
        ScenarioCatalog.All.Should().HaveCount(9);
        new ScenarioPlayer(_world, ScenarioCatalog.Find("overnight")!, 1).Run.EstimatedMilliseconds.Should().BeGreaterThanOrEqualTo(10 * 3_600_000L);
    }

    [Fact]
    public void Geofences_include_their_rim_and_nothing_beyond()
    {
        var centre = new GeoPoint(48.37, 10.9);
        var fence = new Geofence("home", centre, 300);

        fence.Contains(centre).Should().BeTrue();
        fence.Contains(GeoMath.Offset(centre, 299, 0)).Should().BeTrue();
        fence.Contains(GeoMath.Offset(centre, 0, -301)).Should().BeFalse();
        fence.Contains(new GeoPoint(double.NaN, double.NaN)).Should().BeFalse("the end-of-script state has no position");
    }

    /// <summary>A drive of one to three kilometres from the world's home.</summary>
    private Route ShortRoute()
    {
        int home = _world.Places.Home;
        return Enumerable.Range(0, _world.Network.Nodes.Count)
            .Where(n => n != home)
            .Select(n => _world.RouteBetween(home, n))
            .First(r => r.LengthMetres is > 1_000 and < 3_000);
    }

    /// <summary>Plays <paramref name="plan"/> to its end; also returns the first read time at which it was finished.</summary>
    private (ScenarioPlayer Played, long FinishedAt) PlayPlan(ScenarioPlan plan, long readEveryMs = 1_000)
    {
        var definition = new ScenarioDefinition(plan.Name, "a test's own script", (_, _) => plan);
        long finishedAt = 0;
        ScenarioPlayer played = new ScenarioPlayer(_world, definition, 1)
            .PlayToEnd(readEveryMs, (run, state) => finishedAt = run.IsFinished && finishedAt == 0 ? state.TimeMilliseconds : finishedAt);
        return (played, finishedAt);
    }
}
