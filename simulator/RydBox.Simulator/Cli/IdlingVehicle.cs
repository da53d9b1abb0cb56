using RydBox.Firmware.Hardware;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Cli;

/// <summary>
/// Stand-in until the physics (SimulatedVehicle) is merged: a parked car, ignition on, engine
/// warm and idling, alternator charging. Its figures are drawn once from the seed.
/// </summary>
internal sealed class IdlingVehicle(VehicleState state, IClock clock) : IVehicleSensors
{
    private const double IdleRpmLow = 720;
    private const double IdleRpmHigh = 860;
    private const double WarmCoolantLow = 86;
    private const double WarmCoolantHigh = 96;
    private const double ChargingVoltsLow = 13.8;
    private const double ChargingVoltsHigh = 14.4;
    private const double AmbientLow = 2;
    private const double AmbientHigh = 28;
    private const double OdometerLowKm = 4000;
    private const double OdometerHighKm = 180000;
    private const double FuelLowPercent = 10;
    private const double FuelHighPercent = 95;

    /// <summary>How much warmer than the outside air the intake is, under a warm bonnet.</summary>
    private const double IntakeWarmingLow = 5;
    private const double IntakeWarmingHigh = 15;

    /// <summary>Load, throttle, airflow and manifold pressure of a warm petrol engine at idle.</summary>
    private const double IdleLoadPercent = 22;
    private const double IdleThrottlePercent = 14;
    private const double IdleAirFlowGramsPerSecond = 3.2;
    private const double IdleManifoldKpa = 33;

    public static VehicleState Draw(Random random)
    {
        double ambient = Between(random, AmbientLow, AmbientHigh);
        return new VehicleState
        {
            IgnitionOn = true,
            EngineRunning = true,
            EngineRpm = Between(random, IdleRpmLow, IdleRpmHigh),
            EngineLoadPercent = IdleLoadPercent,
            ThrottlePercent = IdleThrottlePercent,
            MassAirFlowGramsPerSecond = IdleAirFlowGramsPerSecond,
            ManifoldPressureKpa = IdleManifoldKpa,
            CoolantCelsius = Between(random, WarmCoolantLow, WarmCoolantHigh),
            OilCelsius = Between(random, WarmCoolantLow, WarmCoolantHigh),
            AmbientCelsius = ambient,
            IntakeAirCelsius = ambient + Between(random, IntakeWarmingLow, IntakeWarmingHigh),
            FuelLevelPercent = Between(random, FuelLowPercent, FuelHighPercent),
            OdometerKm = Math.Round(Between(random, OdometerLowKm, OdometerHighKm), 1),
            BatteryVolts = Between(random, ChargingVoltsLow, ChargingVoltsHigh),
        };
    }

    public VehicleState Read() => state with { TimeMilliseconds = clock.NowMilliseconds };

    private static double Between(Random random, double low, double high) => low + random.NextDouble() * (high - low);
}
