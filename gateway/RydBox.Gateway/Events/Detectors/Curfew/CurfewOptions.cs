namespace RydBox.Gateway.Events.Detectors.Curfew;

/// <summary>Thresholds of <see cref="CurfewDetector"/>; bound from configuration section <c>RydBox:Events:Curfew</c>.</summary>
public sealed record CurfewOptions
{
    /// <summary>
    /// OBD or GNSS speed at or above this counts as driving, km/h (RPM above 0 and the box's
    /// IgnitionOn count too). Default 5: what the box itself calls moving, above parked GNSS drift.
    /// </summary>
    public double MovingSpeedKmh { get; init; } = 5;

    /// <summary>GNSS speed from a fix with a worse HDOP is ignored. Default 5, as for geofences.</summary>
    public double MaximumHdop { get; init; } = 5;

    /// <summary>
    /// With no sign of driving for longer than this, an open curfew episode ends at the last sign
    /// (the box's IgnitionOff ends it at once). Default 5 min: a long red light with start-stop
    /// (RPM 0, speed 0) or a GNSS-only box waiting in traffic is still the same drive.
    /// </summary>
    public TimeSpan StoppedAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentException"/> for values the detector cannot work with.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MovingSpeedKmh) || MovingSpeedKmh <= 0)
        {
            throw new ArgumentException("Curfew MovingSpeedKmh must be more than 0.");
        }

        if (double.IsNaN(MaximumHdop) || MaximumHdop <= 0)
        {
            throw new ArgumentException("Curfew MaximumHdop must be more than 0.");
        }

        if (StoppedAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("Curfew StoppedAfter must be positive.");
        }
    }
}
