using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Ecus;

/// <summary>A vehicle whose state the test sets, standing in for the physics while the ECUs and the emulator are tested.</summary>
public sealed class TestVehicle : IVehicleSensors
{
    /// <summary>Ignition on, engine idling, parked, warm.</summary>
    public static readonly VehicleState Idling = new()
    {
        IgnitionOn = true,
        EngineRunning = true,
        EngineRpm = 812.5,
        EngineLoadPercent = 21.2,
        ThrottlePercent = 14.9,
        CoolantCelsius = 88,
        OilCelsius = 92,
        IntakeAirCelsius = 31,
        AmbientCelsius = 17,
        MassAirFlowGramsPerSecond = 3.27,
        ManifoldPressureKpa = 33,
        FuelLevelPercent = 62.4,
        OdometerKm = 48211.3,
        BatteryVolts = 14.12,
    };

    /// <summary>Third gear at 47 km/h.</summary>
    public static readonly VehicleState Driving = Idling with
    {
        SpeedKmh = 47.3,
        Gear = 3,
        EngineRpm = 2143.75,
        EngineLoadPercent = 48.6,
        ThrottlePercent = 27.1,
        MassAirFlowGramsPerSecond = 18.44,
        ManifoldPressureKpa = 61,
    };

    /// <summary>Parked with the key out: the ECUs sleep.</summary>
    public static readonly VehicleState Parked = new() { BatteryVolts = 12.58, AmbientCelsius = 12, FuelLevelPercent = 40, OdometerKm = 48211.3 };

    private volatile VehicleState _state;

    public TestVehicle(VehicleState state)
    {
        _state = state;
    }

    public VehicleState State
    {
        get => _state;
        set => _state = value;
    }

    public VehicleState Read() => _state;
}
