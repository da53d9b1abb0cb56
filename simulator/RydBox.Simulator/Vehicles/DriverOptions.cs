namespace RydBox.Simulator.Vehicles;

/// <summary>
/// How the simulated driver drives. The driver never exceeds a speed limit (× the scenario's
/// speeding factor) by more than <see cref="SpeedToleranceKmh"/>: it plans its speed backwards from
/// every lower limit, curve and stop ahead with a share of the comfortable braking.
/// </summary>
public sealed record DriverOptions
{
    /// <summary>The most a vehicle can be above limit × speeding factor (time-step overshoot), km/h.</summary>
    public const double SpeedToleranceKmh = 1;

    /// <summary>Share of the limit the driver cruises at, drawn per drive between these. Default 0.96..1.0.</summary>
    public double MinSpeedShare { get; init; } = 0.96;

    public double MaxSpeedShare { get; init; } = 1.0;

    /// <summary>Time constant with which the driver closes the gap to the wanted speed, s. Default 2.5.</summary>
    public double SpeedResponseSeconds { get; init; } = 2.5;

    /// <summary>Share of the profile's comfortable braking used for planning, leaving room to correct. Default 0.8.</summary>
    public double PlanningBrakingShare { get; init; } = 0.8;

    /// <summary>Sideways acceleration the driver accepts in curves and turns, m/s². Default 2.0.</summary>
    public double LateralAccelerationMs2 { get; init; } = 2.0;

    /// <summary>Slowest the driver takes a turn (when the limit allows), km/h. Default 15.</summary>
    public double MinTurnSpeedKmh { get; init; } = 15;

    /// <summary>Wait at a stop sign after stopping, s. Default 1..3.</summary>
    public double MinStopSignWaitSeconds { get; init; } = 1;

    public double MaxStopSignWaitSeconds { get; init; } = 3;

    /// <summary>Wait at a red light after stopping, s. Default 5..40.</summary>
    public double MinRedLightWaitSeconds { get; init; } = 5;

    public double MaxRedLightWaitSeconds { get; init; } = 40;

    /// <summary>Acceleration and braking of a tow truck, m/s². Default 1.0.</summary>
    public double TowAccelerationMs2 { get; init; } = 1.0;
}
