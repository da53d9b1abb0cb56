namespace RydBox.Simulator.Routes;

/// <summary>How <see cref="RoutePlanner"/> weighs intersections besides driving time.</summary>
public sealed record RoutePlannerOptions
{
    /// <summary>Time lost stopping at a stop sign and pulling away, s. Default 8.</summary>
    public double StopSignDelaySeconds { get; init; } = 8;

    /// <summary>Time lost at a red light (wait and pull away), s; weighted by the light's stop probability. Default 30.</summary>
    public double RedLightDelaySeconds { get; init; } = 30;
}
