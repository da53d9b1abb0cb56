namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>Thresholds of <see cref="GeofenceDetector"/>; bound from configuration section <c>RydBox:Events:Geofence</c>.</summary>
public sealed record GeofenceOptions
{
    /// <summary>
    /// Hysteresis, in metres: to enter, a fix must lie at least this far inside the boundary; to
    /// exit, at least this far outside. Default 20 m: above a parked box's drift of a few metres and
    /// most of its 20–60 m multipath jumps' effect at the edge, and small against fences of a few hundred
    /// metres. A circle narrower than twice the margin uses half its radius instead, so it can still be entered.
    /// </summary>
    public double MarginMetres { get; init; } = 20;

    /// <summary>
    /// Consecutive usable fixes clear on the other side (beyond the margin) before a transition counts.
    /// Default 3: one or two multipath jumps in a row are ignored, while a car driving through a
    /// fence (a fix a second) is still confirmed within about 3 s.
    /// </summary>
    public int MinimumFixes { get; init; } = 3;

    /// <summary>
    /// And at least this long between the first and the last of those fixes. Default 0 s (the fix
    /// count decides); raise it to demand a dwell, e.g. 2 min before "arrived at school".
    /// </summary>
    public TimeSpan MinimumDwell { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Fixes with a worse (higher) HDOP are ignored. Default 5: typical fixes are 0.8–2.5; above 5 the
    /// horizontal error reaches tens of metres. Fixes without an HDOP are used.
    /// </summary>
    public double MaximumHdop { get; init; } = 5;

    /// <summary>Throws <see cref="ArgumentException"/> for values the detector cannot work with.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MarginMetres) || MarginMetres < 0)
        {
            throw new ArgumentException("Geofence MarginMetres must be 0 or more.");
        }

        if (MinimumFixes < 1)
        {
            throw new ArgumentException("Geofence MinimumFixes must be at least 1.");
        }

        if (MinimumDwell < TimeSpan.Zero)
        {
            throw new ArgumentException("Geofence MinimumDwell must not be negative.");
        }

        if (double.IsNaN(MaximumHdop) || MaximumHdop <= 0)
        {
            throw new ArgumentException("Geofence MaximumHdop must be more than 0.");
        }
    }
}
