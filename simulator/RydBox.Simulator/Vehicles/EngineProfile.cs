namespace RydBox.Simulator.Vehicles;

/// <summary>
/// The engine as an air pump with a fixed indicated efficiency: the air it draws (MAF) sets the
/// fuel (stoichiometric) and the fuel sets the torque. Defaults: a 1.6 l naturally aspirated petrol
/// engine, about 145 Nm and 95 kW at sea level.
/// </summary>
public sealed record EngineProfile
{
    /// <summary>Swept volume, litres. Default 1.6.</summary>
    public double DisplacementLitres { get; init; } = 1.6;

    /// <summary>Cylinder filling at full charge relative to the manifold's density. Default 0.92 (taken as constant over rpm).</summary>
    public double VolumetricEfficiency { get; init; } = 0.92;

    /// <summary>
    /// Manifold pressure as a share of barometric pressure with the throttle closed: the least charge,
    /// on the overrun. Default 0.18 (about 17 kPa; a warm idle needs ~0.23: 23 kPa, 2.7 g/s at sea level).
    /// </summary>
    public double ClosedThrottleChargeShare { get; init; } = 0.18;

    /// <summary>Share of the fuel's energy that becomes work on the pistons. Default 0.40.</summary>
    public double IndicatedEfficiency { get; init; } = 0.40;

    /// <summary>Torque lost to friction (pumping losses come on top, from the manifold pressure), Nm. Default 18.</summary>
    public double FrictionTorqueNm { get; init; } = 18;

    /// <summary>Power taken by alternator, pumps and other accessories, W. Default 800.</summary>
    public double AccessoryPowerWatts { get; init; } = 800;

    /// <summary>Idle speed of a warm engine, rpm. Default 800.</summary>
    public double IdleRpm { get; init; } = 800;

    /// <summary>Idle speed of a cold engine, rpm. Default 1 150.</summary>
    public double ColdIdleRpm { get; init; } = 1_150;

    /// <summary>Coolant temperature at and below which the engine idles at <see cref="ColdIdleRpm"/>, °C. Default 20.</summary>
    public double ColdIdleBelowCelsius { get; init; } = 20;

    /// <summary>Coolant temperature from which the engine idles at <see cref="IdleRpm"/>, °C. Default 60.</summary>
    public double WarmIdleAboveCelsius { get; init; } = 60;

    /// <summary>Highest engine speed, rpm. Default 6 200.</summary>
    public double RedlineRpm { get; init; } = 6_200;

    /// <summary>Engine speed while the starter turns it, rpm. Default 250.</summary>
    public double CrankingRpm { get; init; } = 250;

    /// <summary>How long the starter turns before the engine runs, ms. Default 1 000.</summary>
    public long CrankingMilliseconds { get; init; } = 1_000;

    /// <summary>On the overrun above this speed the injectors are off (fuel cut), rpm. Default 1 300.</summary>
    public double FuelCutMinRpm { get; init; } = 1_300;

    /// <summary>Air-fuel mass ratio (stoichiometric petrol). Default 14.7.</summary>
    public double StoichiometricAirFuelRatio { get; init; } = 14.7;

    /// <summary>Fuel density, kg per litre. Default 0.745 (E5/E10 petrol).</summary>
    public double FuelDensityKgPerLitre { get; init; } = 0.745;

    /// <summary>Lower heating value of the fuel, J/kg. Default 43 MJ/kg.</summary>
    public double FuelHeatingValueJoulesPerKg { get; init; } = 43e6;
}
