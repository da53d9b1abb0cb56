using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Vehicles;

public sealed class BatteryAndTemperatureTests
{
    private static readonly GeoPoint Garage = new(48.37, 10.9, 480);

    [Fact]
    public void Starting_dips_the_battery_for_about_a_second_then_the_alternator_charges()
    {
        var vehicle = new SimulatedVehicle(1, Garage, start: new VehicleStartConditions { AmbientCelsius = 20 });
        var recording = new DriveRecording(vehicle);
        recording.For(5_000);
        vehicle.StartEngine();
        recording.For(10_000);
        List<VehicleState> states = recording.States;

        states[..50].Should().AllSatisfy(s => s.BatteryVolts.Should().BeInRange(12.5, 12.7, "a resting, nearly full battery"));
        VehicleState[] cranking = [.. states.Where(s => s.EngineRpm == VehicleProfile.PetrolCompact.Engine.CrankingRpm)];
        cranking.Length.Should().Be(10, "the starter turns for one second");
        cranking.Should().AllSatisfy(s => s.BatteryVolts.Should().BeInRange(9.5, 11, "the starter's current dips the voltage"));
        cranking.Should().AllSatisfy(s => s.EngineRunning.Should().BeFalse());
        states[^1].EngineRunning.Should().BeTrue();
        states[^1].BatteryVolts.Should().BeInRange(13.9, 14.2, "the alternator charges");
        states[^1].EngineRpm.Should().BeApproximately(VehicleProfile.PetrolCompact.Engine.ColdIdleRpm - 0.0, 60, "a cold engine idles fast");
    }

    [Fact]
    public void A_cold_battery_dips_deeper_when_cranking()
    {
        double Dip(double celsius)
        {
            var vehicle = new SimulatedVehicle(1, Garage, start: new VehicleStartConditions { AmbientCelsius = celsius });
            vehicle.StartEngine();
            return vehicle.AdvanceTo(500).BatteryVolts;
        }

        Dip(-15).Should().BeLessThan(Dip(20) - 1).And.BeGreaterThan(7, "still far above the box's power-loss threshold");
    }

    [Fact]
    public void After_driving_the_battery_rests_below_charging_level_and_declines_slowly_overnight()
    {
        var vehicle = new SimulatedVehicle(1, Garage);
        vehicle.StartEngine();
        vehicle.AdvanceTo(20 * 60_000);
        vehicle.Park();
        double justParked = vehicle.AdvanceTo(20 * 60_000 + 1_000).BatteryVolts;
        double hourLater = vehicle.AdvanceTo(80 * 60_000).BatteryVolts;
        double nextMorning = vehicle.AdvanceTo(14 * 3_600_000).BatteryVolts;

        justParked.Should().BeInRange(12.6, 12.9, "surface charge, but below the 12.9 V the box takes as charging");
        hourLater.Should().BeLessThan(justParked);
        nextMorning.Should().BeInRange(12.45, hourLater, "the quiescent drain costs a little charge overnight");
    }

    [Fact]
    public void A_battery_drain_brings_a_parked_car_to_low_voltage_within_hours()
    {
        var vehicle = new SimulatedVehicle(1, Garage);
        vehicle.DrainBattery(5);
        double afterFiveHours = vehicle.AdvanceTo(5 * 3_600_000).BatteryVolts;
        double afterTenHours = vehicle.AdvanceTo(10 * 3_600_000).BatteryVolts;

        afterFiveHours.Should().BeInRange(11.8, 12.4);
        afterTenHours.Should().BeLessThan(11.8, "the box's low-battery threshold");
        vehicle.DrainBattery(0);
        vehicle.AdvanceTo(10 * 3_600_000 + 60_000).BatteryVolts.Should().BeGreaterThan(afterTenHours, "without the drain's current the voltage recovers a little");
    }

    [Fact]
    public void A_parked_engine_cools_toward_ambient_and_idling_warms_it()
    {
        var vehicle = new SimulatedVehicle(1, Garage, start: new VehicleStartConditions { AmbientCelsius = 5 });
        vehicle.StartEngine();
        VehicleState idled = vehicle.AdvanceTo(45 * 60_000);
        idled.CoolantCelsius.Should().BeInRange(85, 95, "45 minutes of idling warm the engine");
        idled.IntakeAirCelsius.Should().BeGreaterThan(idled.AmbientCelsius + 5, "heat soak at standstill");

        vehicle.Park();
        VehicleState hourLater = vehicle.AdvanceTo(105 * 60_000);
        VehicleState nextDay = vehicle.AdvanceTo(24 * 3_600_000);
        hourLater.CoolantCelsius.Should().BeInRange(30, 70);
        nextDay.CoolantCelsius.Should().BeApproximately(5, 1);
        nextDay.OilCelsius.Should().BeApproximately(5, 1);
        nextDay.IntakeAirCelsius.Should().BeApproximately(5, 1);
        nextDay.ManifoldPressureKpa.Should().BeApproximately(101.325 * Math.Exp(-480 / 8_434.0), 0.1, "a stopped engine's manifold is at barometric pressure");
    }

    [Fact]
    public void Ambient_changes_reach_the_intake_and_a_cold_start()
    {
        var vehicle = new SimulatedVehicle(1, Garage, start: new VehicleStartConditions { AmbientCelsius = 15 });
        vehicle.SetAmbient(-10);
        VehicleState night = vehicle.AdvanceTo(12 * 3_600_000);
        night.AmbientCelsius.Should().Be(-10);
        night.CoolantCelsius.Should().BeApproximately(-10, 1);
        night.IntakeAirCelsius.Should().BeApproximately(-10, 1);
    }
}
