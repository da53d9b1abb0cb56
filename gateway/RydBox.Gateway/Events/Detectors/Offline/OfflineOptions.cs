namespace RydBox.Gateway.Events.Detectors.Offline;

/// <summary>Thresholds of <see cref="OfflineDetector"/>; bound from configuration section <c>RydBox:Events:Offline</c>.</summary>
public sealed record OfflineOptions
{
    /// <summary>
    /// After the connection dropped (the broker's last will, published 1.5 × the box's 60 s keep-alive
    /// after its last packet), the device is offline only if it stays away this long. Default 5 min: the
    /// box retries with a backoff of at most 60 s, so a cellular drop or a short tunnel reconnects well
    /// within it; an underground car park or a dead box does not.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// With the connection still counted as up, nothing from the device for longer than this (measured
    /// from its latest observation to a gateway clock tick) is offline too. Default 30 min: a parked box
    /// in standby samples every 5 min and publishes each sample within a batch period or two (10 s
    /// each by default), so a healthy box is never silent for more than about 10 min; 30 min is three
    /// times that, and catches a box whose last will was lost (a broker or gateway restart) or that hangs
    /// while connected.
    /// </summary>
    public TimeSpan Silence { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws <see cref="ArgumentException"/> for values the detector cannot work with.</summary>
    public void Validate()
    {
        if (GracePeriod < TimeSpan.Zero || Silence <= TimeSpan.Zero)
        {
            throw new ArgumentException("Offline GracePeriod must not be negative and Silence must be positive.");
        }
    }
}
