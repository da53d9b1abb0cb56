using RydBox.Simulator.Boxes;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Tests.Scenarios;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>A CAN box's own ADC reads the vehicle's battery: resting while parked, the alternator's voltage with the engine running.</summary>
public sealed class VehicleSupplyVoltageTests
{
    [Fact]
    public void Reads_the_battery_in_millivolts_parked_and_charging()
    {
        var clock = new ManualClock();
        var vehicle = new SimulatedVehicle(3, new GeoPoint(48.37, 10.9, 480));
        var supply = new VehicleSupplyVoltage(new ClockedVehicleSensors(vehicle, clock));

        supply.TryReadMillivolts(out int parked).Should().BeTrue();
        parked.Should().Be((int)Math.Round(vehicle.State.BatteryVolts * 1000)).And.BeInRange(12_400, 12_800);

        vehicle.StartEngine();
        clock.Advance(30_000);
        supply.TryReadMillivolts(out int running).Should().BeTrue();
        running.Should().Be((int)Math.Round(vehicle.State.BatteryVolts * 1000)).And.BeGreaterThan(13_500, "the engine runs and reads advance the vehicle");
    }
}
