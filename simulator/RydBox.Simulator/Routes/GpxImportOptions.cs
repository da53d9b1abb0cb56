namespace RydBox.Simulator.Routes;

/// <summary>
/// How <see cref="GpxReader"/> turns a recorded track into a drivable route. GPX has no speed
/// limits or stops, so both are inferred from the point times when the track has them:
/// <list type="bullet">
/// <item>the speed on each stretch is the median of the measured speeds over
/// <see cref="SpeedWindowPoints"/> stretches around it; its limit is the smallest of
/// <see cref="LegalSpeedLimitsKmh"/> not below <see cref="LimitShareOfSpeed"/> × that speed (the
/// largest when the speed exceeds them all);</item>
/// <item>where the track stood still (slower than <see cref="StandingSpeedKmh"/>) for at least
/// <see cref="StopMinimumSeconds"/>, the route gets a stop sign.</item>
/// </list>
/// Without times every stretch gets <see cref="DefaultSpeedLimitKmh"/> and there are no stops.
/// </summary>
public sealed record GpxImportOptions
{
    /// <summary>Limit of stretches whose speed is unknown. Default 50.</summary>
    public double DefaultSpeedLimitKmh { get; init; } = 50;

    /// <summary>When false, times are ignored and every stretch gets <see cref="DefaultSpeedLimitKmh"/>. Default true.</summary>
    public bool InferFromTimes { get; init; } = true;

    /// <summary>Limits a stretch may get, ascending. Default 30, 50, 70, 100, 130.</summary>
    public IReadOnlyList<double> LegalSpeedLimitsKmh { get; init; } = [30, 50, 70, 100, 130];

    /// <summary>Share of the measured speed the limit must reach: drivers keep close to the limit, some a little above. Default 0.9.</summary>
    public double LimitShareOfSpeed { get; init; } = 0.9;

    /// <summary>Stretches whose speeds form the median; odd. Default 5.</summary>
    public int SpeedWindowPoints { get; init; } = 5;

    /// <summary>Below this the recorder stood still (GNSS jitter while standing stays under it). Default 3.</summary>
    public double StandingSpeedKmh { get; init; } = 3;

    /// <summary>Standing at least this long becomes a stop. Default 5.</summary>
    public double StopMinimumSeconds { get; init; } = 5;

    /// <summary>Altitude of points without &lt;ele&gt; when no point of the file has one, m. Default 0.</summary>
    public double DefaultAltitudeMetres { get; init; }
}
