using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Vehicles;

public sealed class VehicleOperationsTests
{
    [Fact]
    public void A_new_vehicle_is_parked_with_everything_off_and_every_value_filled()
    {
        var start = new VehicleStartConditions { AmbientCelsius = 12, FuelLevelPercent = 40, OdometerKm = 1_234, HeadingDegrees = 90 };
        VehicleState state = new SimulatedVehicle(1, new GeoPoint(48.1, 11.5, 520), start: start).AdvanceTo(1_000);

        state.TimeMilliseconds.Should().Be(1_000);
        state.IgnitionOn.Should().BeFalse();
        state.EngineRunning.Should().BeFalse();
        state.SpeedKmh.Should().Be(0);
        state.EngineRpm.Should().Be(0);
        state.CoolantCelsius.Should().Be(12);
        state.OilCelsius.Should().Be(12);
        state.AmbientCelsius.Should().Be(12);
        state.FuelLevelPercent.Should().Be(40);
        state.OdometerKm.Should().Be(1_234);
        state.BatteryVolts.Should().BeInRange(12.5, 12.7);
        state.ManifoldPressureKpa.Should().BeInRange(90, 96, "barometric pressure at 520 m");
        (state.Latitude, state.Longitude, state.AltitudeMetres, state.HeadingDegrees).Should().Be((48.1, 11.5, 520, 90));
        state.SkyVisible.Should().BeTrue();
        state.BeingTowed.Should().BeFalse();
    }

    [Fact]
    public void Same_seed_gives_identical_states_and_another_seed_a_different_drive()
    {
        Route route = PhysicsSanityTests.PlanBetween(3, nameof(NamedPlaces.Home), nameof(NamedPlaces.Work));
        List<VehicleState> first = DriveRecording.Drive(new SimulatedVehicle(42, route.Start), route).States;
        List<VehicleState> again = DriveRecording.Drive(new SimulatedVehicle(42, route.Start), route).States;
        List<VehicleState> other = DriveRecording.Drive(new SimulatedVehicle(43, route.Start), route).States;

        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Reads_at_any_rhythm_give_the_same_states()
    {
        Route route = PhysicsSanityTests.PlanBetween(1, nameof(NamedPlaces.Work), nameof(NamedPlaces.Parking));
        var everyStep = new SimulatedVehicle(7, route.Start);
        var irregular = new SimulatedVehicle(7, route.Start);
        foreach (SimulatedVehicle v in new[] { everyStep, irregular })
        {
            v.StartEngine();
            v.AdvanceTo(1_500);
            v.Drive(route);
        }

        var random = new Random(1);
        for (long t = 1_500; t < 600_000; t += random.Next(1, 5_000))
        {
            irregular.AdvanceTo(t);
        }

        everyStep.AdvanceTo(600_000).Should().Be(irregular.AdvanceTo(600_000));
    }

    [Fact]
    public async Task Clocked_sensors_follow_the_clock_and_serve_several_threads()
    {
        Route route = PhysicsSanityTests.PlanBetween(2, nameof(NamedPlaces.Home), nameof(NamedPlaces.Work));
        var vehicle = new SimulatedVehicle(9, route.Start);
        var clock = new SteppedClock();
        var sensors = new ClockedVehicleSensors(vehicle, clock);
        vehicle.StartEngine();
        clock.Advance(1_500);
        sensors.Read().TimeMilliseconds.Should().Be(1_500);
        vehicle.Drive(route);

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var seen = new List<VehicleState>();
            while (clock.NowMilliseconds < 900_000)
            {
                seen.Add(sensors.Read());
            }

            return seen;
        })).ToArray();
        while (clock.NowMilliseconds < 900_000)
        {
            clock.Advance(50);
        }

        List<VehicleState>[] seenByReaders = await Task.WhenAll(readers);
        VehicleState final = sensors.Read();
        final.TimeMilliseconds.Should().Be(900_000);
        foreach (List<VehicleState> seen in seenByReaders)
        {
            seen.Select(s => s.TimeMilliseconds).Should().BeInAscendingOrder("a reader never sees time run back");
        }

        var alone = new SimulatedVehicle(9, route.Start);
        alone.StartEngine();
        alone.AdvanceTo(1_500);
        alone.Drive(route);
        alone.AdvanceTo(900_000).Should().Be(final, "concurrent readers do not change the physics");
    }

    [Fact]
    public void Towing_moves_the_car_with_the_ignition_off_without_counting_kilometres()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(2);
        Route path = RoutePlanner.Plan(network, network.Places!.Parking, network.Places.Home).Route;
        var vehicle = new SimulatedVehicle(1, path.Start);
        var recording = new DriveRecording(vehicle);
        recording.For(60_000);
        vehicle.Tow(path, 60);
        recording.UntilArrived();
        recording.For(60_000);

        List<VehicleState> towed = [.. recording.States.Where(s => s.BeingTowed)];
        towed.Should().NotBeEmpty();
        towed.Should().AllSatisfy(s =>
        {
            s.IgnitionOn.Should().BeFalse();
            s.EngineRunning.Should().BeFalse();
            s.SpeedKmh.Should().BeLessThanOrEqualTo(60 + DriverOptions.SpeedToleranceKmh);
        });
        towed.Max(s => s.SpeedKmh).Should().BeGreaterThan(50);
        recording.States.Select(s => s.OdometerKm).Distinct().Should().ContainSingle("the wheels are off the road");
        VehicleState last = recording.States[^1];
        last.BeingTowed.Should().BeFalse();
        GeoMath.DistanceMetres(PhysicsSanityTests.Position(last), path.End).Should().BeLessThan(0.01);
        vehicle.Progress!.IsTow.Should().BeTrue();
        vehicle.Progress.IsFinished.Should().BeTrue();
    }

    [Fact]
    public void Parking_under_a_roof_hides_the_sky_until_the_next_drive()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(1);
        Route route = RoutePlanner.Plan(network, network.Places!.Work, network.Places.Parking).Route;
        var vehicle = new SimulatedVehicle(1, route.Start);
        vehicle.Park(underRoof: true);
        vehicle.AdvanceTo(1_000).SkyVisible.Should().BeFalse();
        vehicle.StartEngine();
        vehicle.Drive(route);
        vehicle.AdvanceTo(60_000).SkyVisible.Should().BeTrue();
    }

    [Fact]
    public void A_tunnel_on_the_route_hides_the_sky_while_inside()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(4);
        Route route = RoutePlanner.Plan(network, network.Places!.TunnelStart, network.Places.TunnelEnd).Route;
        DriveRecording drive = DriveRecording.Drive(new SimulatedVehicle(1, route.Start), route);

        for (int k = 0; k < drive.States.Count; k++)
        {
            bool inTunnel = drive.Distances[k] > 0 && route.At(drive.Distances[k]).IsTunnel && drive.States[k].SpeedKmh > 0;
            if (inTunnel)
            {
                drive.States[k].SkyVisible.Should().BeFalse();
            }
        }

        drive.States.Count(s => !s.SkyVisible).Should().BeGreaterThan(100, "the tunnel takes more than ten seconds");
        drive.States[^1].SkyVisible.Should().BeTrue();
    }

    [Fact]
    public void Operations_out_of_order_are_refused_with_a_reason()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(1);
        Route route = RoutePlanner.Plan(network, network.Places!.Home, network.Places.Work).Route;
        var vehicle = new SimulatedVehicle(1, route.Start);

        vehicle.Invoking(v => v.Drive(route)).Should().Throw<InvalidOperationException>().WithMessage("*Start the engine*");
        vehicle.StartEngine();
        vehicle.Invoking(v => v.Drive(route.Reversed())).Should().Throw<ArgumentException>().WithMessage("*starts * m from the vehicle*");
        vehicle.Invoking(v => v.Tow(route, 50)).Should().Throw<InvalidOperationException>().WithMessage("*ignition off*");
        vehicle.Drive(route);
        vehicle.AdvanceTo(30_000);
        vehicle.IsDriving.Should().BeTrue();
        vehicle.Invoking(v => v.StopEngine()).Should().Throw<InvalidOperationException>().WithMessage("*while driving*");
        vehicle.Invoking(v => v.Park()).Should().Throw<InvalidOperationException>();
        vehicle.Invoking(v => v.Drive(route)).Should().Throw<InvalidOperationException>();
        vehicle.AdvanceTo(3_600_000);
        vehicle.IsDriving.Should().BeFalse();
        vehicle.Progress!.IsFinished.Should().BeTrue();
        vehicle.Progress.FinishedAtMilliseconds.Should().BeInRange(60_000, 3_600_000);
        vehicle.SwitchIgnitionOff();
        vehicle.AdvanceTo(3_600_100).IgnitionOn.Should().BeFalse();
    }
}
