namespace RydBox.Simulator.Vehicles;

/// <summary>
/// What a vehicle is: body, driving limits, drivetrain, engine, cooling and battery. The defaults
/// describe a typical petrol compact car (1.6 l naturally aspirated, six-speed manual, about
/// 1 350 kg with driver).
/// </summary>
public sealed record VehicleProfile
{
    /// <summary>The defaults: a petrol compact car.</summary>
    public static VehicleProfile PetrolCompact { get; } = new();

    /// <summary>Mass with driver and some luggage, kg. Default 1 350.</summary>
    public double MassKg { get; init; } = 1_350;

    /// <summary>Drag coefficient × frontal area, m². Default 0.65 (cd 0.30 × 2.2 m²).</summary>
    public double DragAreaSquareMetres { get; init; } = 0.65;

    /// <summary>Rolling resistance coefficient. Default 0.011 (passenger tyres on asphalt).</summary>
    public double RollingResistance { get; init; } = 0.011;

    /// <summary>Share of engine torque that reaches the wheels. Default 0.9.</summary>
    public double DrivetrainEfficiency { get; init; } = 0.9;

    /// <summary>The hardest the driver ever accelerates, m/s². Default 2.5 (brisk, not flat out).</summary>
    public double MaxAccelerationMs2 { get; init; } = 2.5;

    /// <summary>Deceleration the driver plans with for limits, curves and stops, m/s². Default 2.0.</summary>
    public double ComfortableBrakingMs2 { get; init; } = 2.0;

    /// <summary>The hardest the driver ever brakes (only to correct), m/s². Default 3.5.</summary>
    public double MaxBrakingMs2 { get; init; } = 3.5;

    /// <summary>Forward gear ratios, first gear first. Default 3.62, 1.95, 1.28, 0.97, 0.78, 0.65.</summary>
    public IReadOnlyList<double> GearRatios { get; init; } = [3.62, 1.95, 1.28, 0.97, 0.78, 0.65];

    /// <summary>Final drive ratio. Default 3.94 (about 2 850 rpm at 130 km/h in sixth).</summary>
    public double FinalDrive { get; init; } = 3.94;

    /// <summary>Dynamic rolling radius of the driven wheels, m. Default 0.31 (205/55 R16).</summary>
    public double WheelRadiusMetres { get; init; } = 0.31;

    /// <summary>Up-shift engine speed while cruising or accelerating gently, rpm. Default 2 500.</summary>
    public double UpshiftRpm { get; init; } = 2_500;

    /// <summary>Up-shift engine speed while the driver wants more than 0.5 m/s², rpm. Default 3 800.</summary>
    public double AcceleratingUpshiftRpm { get; init; } = 3_800;

    /// <summary>Down-shift engine speed, rpm. Default 1 300.</summary>
    public double DownshiftRpm { get; init; } = 1_300;

    /// <summary>Below this speed while slowing down the clutch is open (neutral, engine idling), km/h. Default 8.</summary>
    public double ClutchOpenSpeedKmh { get; init; } = 8;

    /// <summary>Least time between two gear changes, s. Default 1.</summary>
    public double MinShiftIntervalSeconds { get; init; } = 1;

    /// <summary>Fuel tank, litres. Default 50.</summary>
    public double TankLitres { get; init; } = 50;

    public EngineProfile Engine { get; init; } = new();

    public ThermalProfile Thermal { get; init; } = new();

    public BatteryProfile Battery { get; init; } = new();
}
