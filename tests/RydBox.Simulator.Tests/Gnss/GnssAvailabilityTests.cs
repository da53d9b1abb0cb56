using RydBox.Simulator.Gnss;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Gnss;

public sealed class GnssAvailabilityTests
{
    private static readonly GnssModelOptions Options = new();

    [Fact]
    public void The_first_fix_comes_after_the_time_to_first_fix_and_brings_the_time()
    {
        var run = new ReceiverRun(new SimulatedVehicle(1, new GeoPoint(48.3, 10.9, 470)), seed: 5);
        run.Clock.Advance(7_300);
        run.For(60_000);

        run.Receiver.PoweredOnAtMilliseconds.Should().Be(7_000);
        GnssSolution first = run.Solutions.First(s => s.HasFix);
        (first.TimeMilliseconds - 7_000).Should().BeInRange((long)(Options.MinFirstFixSeconds * 1_000), (long)(Options.MaxFirstFixSeconds * 1_000));
        run.Solutions.TakeWhile(s => !s.HasFix).Should().AllSatisfy(s => s.TimeKnown.Should().BeFalse());
        run.Solutions.SkipWhile(s => !s.HasFix).Should().AllSatisfy(s => s.HasFix.Should().BeTrue());
    }

    [Fact]
    public void A_tunnel_loses_the_fix_at_once_and_it_returns_seconds_after_the_portal()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(4);
        Route route = RoutePlanner.Plan(network, network.Places!.TunnelStart, network.Places.TunnelEnd).Route;
        var vehicle = new SimulatedVehicle(2, route.Start);
        var run = new ReceiverRun(vehicle, seed: 8);
        vehicle.StartEngine();
        run.For(60_000);
        vehicle.Drive(route);
        run.While(() => vehicle.IsDriving);

        List<GnssSolution> solutions = run.Solutions;
        solutions.Where(s => !s.Truth.SkyVisible).Should().NotBeEmpty().And.AllSatisfy(s => s.HasFix.Should().BeFalse());
        int exit = solutions.FindLastIndex(s => !s.Truth.SkyVisible) + 1;
        int back = solutions.FindIndex(exit, s => s.HasFix);
        (solutions[back].TimeMilliseconds - solutions[exit].TimeMilliseconds).Should().BeInRange(
            (long)(Options.MinReacquisitionSeconds * 1_000) - 1_000, (long)(Options.MaxReacquisitionSeconds * 1_000));
        solutions.Skip(exit).Should().AllSatisfy(s => s.TimeKnown.Should().BeTrue("the receiver's clock keeps UTC"));
        solutions.Skip(back).Should().AllSatisfy(s => s.HasFix.Should().BeTrue());
    }

    [Fact]
    public void A_car_parked_in_a_garage_has_no_fix()
    {
        var run = new ReceiverRun(new SimulatedVehicle(1, new GeoPoint(48.3, 10.9), start: new VehicleStartConditions { UnderRoof = true }), seed: 5);
        run.For(600_000);

        run.Solutions.Should().AllSatisfy(s => s.HasFix.Should().BeFalse());
    }

    [Fact]
    public void The_same_seed_gives_the_same_solutions_and_another_seed_other_ones()
    {
        List<GnssSolution> Run(int seed)
        {
            var run = new ReceiverRun(new SimulatedVehicle(1, new GeoPoint(48.3, 10.9)), seed);
            run.For(300_000);
            return run.Solutions;
        }

        static object Key(GnssSolution s) => (s.HasFix, s.Latitude, s.Longitude, s.AltitudeMetres, s.SpeedKmh, s.Hdop, s.SatellitesUsed);
        Run(3).Select(Key).Should().Equal(Run(3).Select(Key));
        Run(4).Select(Key).Should().NotEqual(Run(3).Select(Key));
    }
}
