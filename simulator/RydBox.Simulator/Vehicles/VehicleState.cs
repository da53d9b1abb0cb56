namespace RydBox.Simulator.Vehicles;

/// <summary>
/// What a vehicle's sensors read at one instant: the values its virtual ECUs report and the
/// position its GNSS antenna is at. Written by the physics, read by the ECUs and the GNSS model.
/// </summary>
public sealed record VehicleState
{
    /// <summary>Simulation time of this state, milliseconds since the simulation started.</summary>
    public long TimeMilliseconds { get; init; }

    public bool IgnitionOn { get; init; }

    public bool EngineRunning { get; init; }

    public double SpeedKmh { get; init; }

    public double EngineRpm { get; init; }

    /// <summary>0 in neutral or parked, 1.. forward gears.</summary>
    public int Gear { get; init; }

    public double ThrottlePercent { get; init; }

    public double EngineLoadPercent { get; init; }

    public double CoolantCelsius { get; init; }

    public double OilCelsius { get; init; }

    public double IntakeAirCelsius { get; init; }

    public double AmbientCelsius { get; init; }

    public double MassAirFlowGramsPerSecond { get; init; }

    public double ManifoldPressureKpa { get; init; }

    public double FuelLevelPercent { get; init; }

    /// <summary>Fuel burnt since the simulation started, litres (ground truth for trips).</summary>
    public double FuelUsedLitres { get; init; }

    public double OdometerKm { get; init; }

    /// <summary>The 12 V system at the OBD port: charging while the engine runs, resting otherwise, dipping while cranking.</summary>
    public double BatteryVolts { get; init; }

    /// <summary>True position of the antenna (WGS-84 degrees, metres above sea level).</summary>
    public double Latitude { get; init; }

    public double Longitude { get; init; }

    public double AltitudeMetres { get; init; }

    /// <summary>Direction of travel, degrees clockwise from true north.</summary>
    public double HeadingDegrees { get; init; }

    /// <summary>False under a roof (tunnel, garage): the GNSS receiver sees no satellites.</summary>
    public bool SkyVisible { get; init; } = true;

    /// <summary>True while the vehicle is carried (towed, on a trailer) with its ignition off.</summary>
    public bool BeingTowed { get; init; }
}
