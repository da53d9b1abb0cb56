namespace RydBox.Simulator.Vehicles;

/// <summary>
/// Engine warm-up and cooling as one lumped heat capacity. Below the thermostat the radiator is
/// bypassed, so the engine loses heat only to the engine bay; above it the radiator holds the
/// coolant near the thermostat temperature. Defaults give 5–9 minutes to warm up while driving,
/// about 35 minutes at idle, and a few hours to cool down.
/// </summary>
public sealed record ThermalProfile
{
    /// <summary>Thermostat opening temperature, °C. Default 90.</summary>
    public double ThermostatCelsius { get; init; } = 90;

    /// <summary>How far above the thermostat the coolant runs at full load, K. Default 5.</summary>
    public double FullLoadRiseKelvin { get; init; } = 5;

    /// <summary>Heat capacity of engine block and coolant, J/K. Default 75 000.</summary>
    public double HeatCapacityJoulesPerKelvin { get; init; } = 75_000;

    /// <summary>
    /// Share of the fuel energy not turned into work on the pistons that heats the coolant (the rest
    /// leaves with the exhaust); friction work heats it too. Default 0.3.
    /// </summary>
    public double CoolantHeatShare { get; init; } = 0.3;

    /// <summary>Heat lost to the surroundings per kelvin above ambient with the radiator bypassed, W/K. Default 12 (cools with a time constant of ~100 min).</summary>
    public double HeatLossWattsPerKelvin { get; init; } = 12;

    /// <summary>Fastest the open radiator brings the coolant down to its regulated temperature, K/s. Default 0.5.</summary>
    public double RadiatorCoolingKelvinPerSecond { get; init; } = 0.5;

    /// <summary>Time constant with which the oil follows the coolant, s. Default 400 (oil lags coolant).</summary>
    public double OilLagSeconds { get; init; } = 400;

    /// <summary>How far the oil runs above the coolant at full load, K. Default 15.</summary>
    public double OilFullLoadRiseKelvin { get; init; } = 15;

    /// <summary>Intake air above ambient with a warm engine at standstill (engine-bay heat soak), K. Default 12.</summary>
    public double IntakeHeatSoakKelvin { get; init; } = 12;

    /// <summary>Road speed at which the air stream has cleared the heat soak, km/h. Default 50.</summary>
    public double IntakeSoakClearedKmh { get; init; } = 50;

    /// <summary>Time constant of the intake air temperature, s. Default 60.</summary>
    public double IntakeLagSeconds { get; init; } = 60;
}
