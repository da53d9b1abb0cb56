namespace RydBox.Simulator.Vehicles;

/// <summary>How a simulated vehicle is found when the simulation starts: parked, ignition off, engine at ambient.</summary>
public sealed record VehicleStartConditions
{
    /// <summary>Outside temperature, °C. Default 15.</summary>
    public double AmbientCelsius { get; init; } = 15;

    /// <summary>Fuel in the tank, percent. Default 65.</summary>
    public double FuelLevelPercent { get; init; } = 65;

    /// <summary>Odometer, km. Default 42 000.</summary>
    public double OdometerKm { get; init; } = 42_000;

    /// <summary>Battery state of charge, 0..1. Default 0.95 (about 12.6 V at rest).</summary>
    public double BatteryStateOfCharge { get; init; } = 0.95;

    /// <summary>Direction the vehicle faces, degrees. Default 0.</summary>
    public double HeadingDegrees { get; init; }

    /// <summary>Parked under a roof (garage): no sky for the GNSS antenna. Default false.</summary>
    public bool UnderRoof { get; init; }
}
