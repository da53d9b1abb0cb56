namespace RydBox.Gateway.Events.Detectors.LowBattery;

/// <summary>Thresholds of <see cref="LowBatteryDetector"/>, for a 12 V lead-acid battery; bound from configuration section <c>RydBox:Events:LowBattery</c>.</summary>
public sealed record LowBatteryOptions
{
    /// <summary>
    /// Resting voltage below which the battery counts as low, V. Default 11.8: a rested lead-acid battery
    /// reads about 12.6 V full, 12.2 V at half charge and 11.8–11.9 V at roughly 30 %, where cold starts
    /// begin to fail; the box uses the same level, so both agree.
    /// </summary>
    public double LowVolts { get; init; } = 11.8;

    /// <summary>
    /// Low readings must last at least this long (from the first to the latest low reading) ... Default 2 min: far
    /// longer than a cranking dip (9–10.5 V for a second or two, then 13.8–14.4 V with the engine running)
    /// or a short heavy load, and only three readings of a parked box (one a minute).
    /// </summary>
    public TimeSpan LowFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// ... and span at least this many consecutive low readings. Default 2: a single reading never
    /// decides, also in standby where readings are 5 min apart.
    /// </summary>
    public int MinimumLowSamples { get; init; } = 2;

    /// <summary>
    /// A reading at or above this re-arms the detector after an event, V. Default 12.4 (about 75 %
    /// charge, the box's "recovered" level): the battery was charged (by a charger or a drive).
    /// </summary>
    public double RearmVolts { get; init; } = 12.4;

    /// <summary>
    /// A reading at or above this means the alternator is charging, so the engine runs, V. Default 13.2,
    /// the box's own charging level: a rested battery never reads this high.
    /// </summary>
    public double ChargingVolts { get; init; } = 13.2;

    /// <summary>Throws <see cref="ArgumentException"/> for values the detector cannot work with.</summary>
    public void Validate()
    {
        if (!double.IsFinite(LowVolts) || LowVolts <= 0 || !(RearmVolts > LowVolts) || !(ChargingVolts > LowVolts) || !double.IsFinite(ChargingVolts) || !double.IsFinite(RearmVolts))
        {
            throw new ArgumentException("LowBattery LowVolts must be positive and below RearmVolts and ChargingVolts.");
        }

        if (LowFor < TimeSpan.Zero || MinimumLowSamples < 1)
        {
            throw new ArgumentException("LowBattery LowFor must not be negative and MinimumLowSamples must be at least 1.");
        }
    }
}
