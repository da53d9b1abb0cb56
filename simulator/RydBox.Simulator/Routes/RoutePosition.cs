namespace RydBox.Simulator.Routes;

/// <summary>Where a distance along a <see cref="Route"/> lies and what the road is like there.</summary>
/// <param name="SegmentIndex">Index of the route point that starts the stretch the position is on.</param>
/// <param name="Grade">Rise over run of the stretch (0.05 is 5 % uphill in the direction of travel).</param>
public readonly record struct RoutePosition(
    GeoPoint Position,
    double HeadingDegrees,
    double SpeedLimitKmh,
    bool IsTunnel,
    double Grade,
    int SegmentIndex);
