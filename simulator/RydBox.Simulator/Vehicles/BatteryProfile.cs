namespace RydBox.Simulator.Vehicles;

/// <summary>
/// A 12 V lead-acid starter battery and the alternator: terminal voltage = resting voltage of the
/// charge (a table) + fading surface charge − current × internal resistance; the alternator
/// holds the charging voltage while the engine runs.
/// </summary>
public sealed record BatteryProfile
{
    /// <summary>Capacity, Ah. Default 60.</summary>
    public double CapacityAmpHours { get; init; } = 60;

    /// <summary>
    /// Resting (open-circuit) voltage by state of charge, ascending; linear in between. Default: a
    /// common flooded lead-acid table, 11.0 V empty … 12.2 V at half … 12.7 V full.
    /// </summary>
    public IReadOnlyList<(double StateOfCharge, double Volts)> RestingVoltage { get; init; } =
    [
        (0.0, 11.0), (0.1, 11.3), (0.2, 11.58), (0.3, 11.75), (0.4, 11.9), (0.5, 12.06),
        (0.6, 12.2), (0.7, 12.32), (0.8, 12.42), (0.9, 12.5), (1.0, 12.7),
    ];

    /// <summary>Internal resistance at 25 °C, ohm. Default 0.015.</summary>
    public double InternalResistanceOhms { get; init; } = 0.015;

    /// <summary>Relative rise of the internal resistance per kelvin below 25 °C. Default 0.02 (cold cranking dips deeper).</summary>
    public double ResistanceRisePerKelvinBelow25 { get; init; } = 0.02;

    /// <summary>Starter current, A. Default 160 (a dip to ~10 V at 20 °C).</summary>
    public double CrankingAmps { get; init; } = 160;

    /// <summary>Load with the ignition on and the engine off (ECUs, fuel pump, lights), A. Default 6.</summary>
    public double IgnitionOnAmps { get; init; } = 6;

    /// <summary>Quiescent drain of a parked car (alarm, radio memory, the box), A. Default 0.03.</summary>
    public double ParkedDrainAmps { get; init; } = 0.03;

    /// <summary>Regulated alternator voltage, V. Default 14.2.</summary>
    public double ChargingVolts { get; init; } = 14.2;

    /// <summary>How far the voltage sags at warm idle (the alternator turns slowly), V. Default 0.2.</summary>
    public double IdleChargingSagVolts { get; init; } = 0.2;

    /// <summary>Charging current into an empty battery; it falls in proportion to the charge missing, A. Default 40.</summary>
    public double MaxChargeAmps { get; init; } = 40;

    /// <summary>
    /// Extra voltage right after charging, fading with <see cref="SurfaceChargeFadeSeconds"/>, V.
    /// Default 0.15: a full battery stays under 12.9 V, which the box takes as "not charging".
    /// </summary>
    public double SurfaceChargeVolts { get; init; } = 0.15;

    /// <summary>Time constant of the surface charge, s. Default 1 800.</summary>
    public double SurfaceChargeFadeSeconds { get; init; } = 1_800;
}
