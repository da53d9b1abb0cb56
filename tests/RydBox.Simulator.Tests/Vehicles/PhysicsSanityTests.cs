using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Vehicles;

/// <summary>Long seeded drives on several networks and routes, checked step by step against physics.</summary>
public sealed class PhysicsSanityTests
{
    private const double Dt = SimulatedVehicle.StepMilliseconds / 1_000.0;

    private static readonly VehicleProfile Profile = VehicleProfile.PetrolCompact;

    public static TheoryData<int, int, string, string, double> Drives => new()
    {
        { 1, 11, nameof(NamedPlaces.Home), nameof(NamedPlaces.Work), 1.0 },
        { 2, 12, nameof(NamedPlaces.Home), nameof(NamedPlaces.Work), 1.0 },
        { 3, 13, nameof(NamedPlaces.Work), nameof(NamedPlaces.Parking), 1.0 },
        { 4, 14, nameof(NamedPlaces.MotorwayStart), nameof(NamedPlaces.MotorwayEnd), 1.0 },
        { 5, 15, nameof(NamedPlaces.Parking), nameof(NamedPlaces.Home), 1.25 },
    };

    [Theory]
    [MemberData(nameof(Drives))]
    public void A_drive_obeys_physics_at_every_step(int networkSeed, int vehicleSeed, string from, string to, double speedingFactor)
    {
        Route route = PlanBetween(networkSeed, from, to);
        var vehicle = new SimulatedVehicle(vehicleSeed, route.Start);
        DriveRecording drive = DriveRecording.Drive(vehicle, route, speedingFactor);
        List<VehicleState> states = drive.States;

        double travelled = 0;
        for (int k = 1; k < states.Count; k++)
        {
            VehicleState before = states[k - 1];
            VehicleState now = states[k];
            double moved = GeoMath.DistanceMetres(Position(before), Position(now));
            travelled += moved;
            string at = $"at {now.TimeMilliseconds} ms";

            moved.Should().BeLessThanOrEqualTo(Math.Max(before.SpeedKmh, now.SpeedKmh) / 3.6 * Dt + 0.6, $"no teleporting {at}");
            double acceleration = (now.SpeedKmh - before.SpeedKmh) / 3.6 / Dt;
            acceleration.Should().BeInRange(-Profile.MaxBrakingMs2 - 1e-9, Profile.MaxAccelerationMs2 + 1e-9, at);
            if (now.SpeedKmh > 0)
            {
                double limit = route.At(drive.Distances[k]).SpeedLimitKmh;
                now.SpeedKmh.Should().BeLessThanOrEqualTo(limit * speedingFactor + DriverOptions.SpeedToleranceKmh, $"limit {limit} {at}");
            }

            CheckEngine(now, at);
            CheckWarmUp(before, now, at);
            now.FuelLevelPercent.Should().BeLessThanOrEqualTo(before.FuelLevelPercent, at);
            now.FuelUsedLitres.Should().BeGreaterThanOrEqualTo(before.FuelUsedLitres, at);
            now.OdometerKm.Should().BeGreaterThanOrEqualTo(before.OdometerKm, at);
        }

        VehicleState last = states[^1];
        GeoMath.DistanceMetres(Position(last), route.End).Should().BeLessThan(0.01, "the drive ends at the route's end");
        last.SpeedKmh.Should().Be(0);
        last.EngineRunning.Should().BeTrue("the engine idles after arriving");
        (last.OdometerKm - states[0].OdometerKm).Should().BeApproximately(travelled / 1_000, travelled / 1_000 * 0.005, "the odometer counts the distance driven");
        travelled.Should().BeApproximately(route.LengthMetres, route.LengthMetres * 0.005);

        double litresPer100Km = (last.FuelUsedLitres - states[0].FuelUsedLitres) / (travelled / 100_000);
        litresPer100Km.Should().BeInRange(3, 12, "a compact petrol car's consumption");
        double topLimit = route.Points.Max(p => p.SpeedLimitKmh) * speedingFactor;
        states.Max(s => s.SpeedKmh).Should().BeGreaterThan(Math.Min(topLimit, 180) * 0.9, "the driver uses the road");
        if (last.TimeMilliseconds > 12 * 60_000)
        {
            last.CoolantCelsius.Should().BeGreaterThanOrEqualTo(Profile.Thermal.ThermostatCelsius, "twelve minutes of driving warm the engine");
        }
    }

    [Fact]
    public void Speeding_factor_lets_the_driver_exceed_the_limit_by_that_factor()
    {
        Route route = PlanBetween(4, nameof(NamedPlaces.MotorwayStart), nameof(NamedPlaces.MotorwayEnd));
        double lawful = DriveRecording.Drive(new SimulatedVehicle(3, route.Start), route).States.Max(s => s.SpeedKmh);
        double speeding = DriveRecording.Drive(new SimulatedVehicle(3, route.Start), route, 1.2).States.Max(s => s.SpeedKmh);

        lawful.Should().BeInRange(125, 130 + DriverOptions.SpeedToleranceKmh);
        speeding.Should().BeInRange(150, 156 + DriverOptions.SpeedToleranceKmh);
    }

    [Fact]
    public void Oil_lags_the_coolant_while_warming_up()
    {
        Route route = PlanBetween(2, nameof(NamedPlaces.Home), nameof(NamedPlaces.Work));
        List<VehicleState> states = DriveRecording.Drive(new SimulatedVehicle(5, route.Start), route).States;

        VehicleState warm = states.First(s => s.CoolantCelsius >= Profile.Thermal.ThermostatCelsius);
        warm.OilCelsius.Should().BeLessThan(warm.CoolantCelsius - 10);
        warm.TimeMilliseconds.Should().BeInRange(4 * 60_000, 10 * 60_000, "a compact car warms up in a few minutes of driving");
        states[^1].OilCelsius.Should().BeGreaterThan(states[0].OilCelsius + 30);
    }

    internal static Route PlanBetween(int networkSeed, string from, string to)
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(networkSeed);
        return RoutePlanner.Plan(network, Place(network.Places!, from), Place(network.Places!, to)).Route;
    }

    internal static GeoPoint Position(VehicleState s) => new(s.Latitude, s.Longitude, s.AltitudeMetres);

    private static int Place(NamedPlaces places, string name) => name switch
    {
        nameof(NamedPlaces.Home) => places.Home,
        nameof(NamedPlaces.Work) => places.Work,
        nameof(NamedPlaces.Parking) => places.Parking,
        nameof(NamedPlaces.MotorwayStart) => places.MotorwayStart,
        nameof(NamedPlaces.MotorwayEnd) => places.MotorwayEnd,
        nameof(NamedPlaces.TunnelStart) => places.TunnelStart,
        _ => places.TunnelEnd,
    };

    private static void CheckEngine(VehicleState s, string at)
    {
        EngineProfile engine = Profile.Engine;
        s.ThrottlePercent.Should().BeInRange(0, 100, at);
        s.EngineLoadPercent.Should().BeInRange(0, 100, at);
        if (!s.EngineRunning)
        {
            s.EngineRpm.Should().BeOneOf([0, engine.CrankingRpm], at);
            s.Gear.Should().Be(0, at);
            return;
        }

        double baro = 101.325;
        s.MassAirFlowGramsPerSecond.Should().BePositive(at);
        s.ManifoldPressureKpa.Should().BeInRange(baro * engine.ClosedThrottleChargeShare * 0.9, baro, at);
        s.BatteryVolts.Should().BeInRange(13.9, 14.2 + 1e-9, $"charging {at}");
        s.EngineRpm.Should().BeInRange(engine.IdleRpm, engine.RedlineRpm, at);
        if (s.Gear == 0)
        {
            s.EngineRpm.Should().BeLessThanOrEqualTo(engine.ColdIdleRpm, $"idling in neutral {at}");
            s.SpeedKmh.Should().BeLessThanOrEqualTo(Profile.ClutchOpenSpeedKmh + 1e-9, $"neutral only when rolling to a halt {at}");
            return;
        }

        double gearRpm = s.SpeedKmh / 3.6 / (2 * Math.PI * Profile.WheelRadiusMetres) * 60 * Profile.GearRatios[s.Gear - 1] * Profile.FinalDrive;
        s.EngineRpm.Should().BeGreaterThanOrEqualTo(gearRpm - 1e-6, $"rpm follows gear {s.Gear} {at}");
        if (gearRpm > engine.ColdIdleRpm)
        {
            s.EngineRpm.Should().BeApproximately(gearRpm, 1e-6, $"clutch closed in gear {s.Gear} {at}");
        }
    }

    private static void CheckWarmUp(VehicleState before, VehicleState now, string at)
    {
        ThermalProfile thermal = Profile.Thermal;
        if (!before.EngineRunning || !now.EngineRunning)
        {
            return;
        }

        if (before.CoolantCelsius < thermal.ThermostatCelsius)
        {
            now.CoolantCelsius.Should().BeGreaterThan(before.CoolantCelsius, $"a running engine warms up {at}");
        }
        else
        {
            now.CoolantCelsius.Should().BeInRange(thermal.ThermostatCelsius, thermal.ThermostatCelsius + thermal.FullLoadRiseKelvin, $"the thermostat regulates {at}");
        }
    }
}
