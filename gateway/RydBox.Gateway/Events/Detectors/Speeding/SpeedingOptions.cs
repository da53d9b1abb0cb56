namespace RydBox.Gateway.Events.Detectors.Speeding;

/// <summary>Thresholds of <see cref="SpeedingDetector"/>; bound from configuration section <c>RydBox:Events:Speeding</c>.</summary>
public sealed record SpeedingOptions
{
    /// <summary>
    /// The speed limit, km/h. Default 130: the highest general limit on European motorways, so the
    /// default only flags driving nobody would call normal; families set their own per device.
    /// </summary>
    public double LimitKmh { get; init; } = 130;

    /// <summary>
    /// Above the limit for at least this long before an episode opens. Default 30 s: an overtaking
    /// manoeuvre or a downhill burst is not speeding; holding it for half a minute is.
    /// </summary>
    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An open episode ends only below <see cref="LimitKmh"/> minus this, km/h. Default 5: cruise
    /// control set just above the limit wanders by a few km/h, which must not split one episode into many.
    /// </summary>
    public double HysteresisKmh { get; init; } = 5;

    /// <summary>
    /// And only once it stayed that low for this long; the end is dated when it first dropped. Default 15 s:
    /// braking behind a lorry before overtaking it again is one episode.
    /// </summary>
    public TimeSpan EndAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// GNSS speed (used only on rows without OBD speed) is ignored when the row's HDOP is worse than this.
    /// Default 5, as for geofences: with a poor fix the Doppler speed can jump by tens of km/h.
    /// </summary>
    public double MaximumHdop { get; init; } = 5;

    /// <summary>
    /// No speed reading for longer than this ends an open episode at the last reading (and restarts a
    /// pending one): nothing says the vehicle kept speeding through a data gap. Default 60 s, well above
    /// the 1 s reading interval while driving.
    /// </summary>
    public TimeSpan MaximumGap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An open episode is emitted again when its maximum speed has grown by this much since the last
    /// emitted version, km/h. Default 10: the alert shows how bad it got without an update every second.
    /// </summary>
    public double MaxSpeedUpdateStepKmh { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> for values the detector cannot work with.</summary>
    public void Validate()
    {
        if (!double.IsFinite(LimitKmh) || LimitKmh <= 0)
        {
            throw new ArgumentException("Speeding LimitKmh must be more than 0.");
        }

        if (!double.IsFinite(HysteresisKmh) || HysteresisKmh < 0 || HysteresisKmh >= LimitKmh)
        {
            throw new ArgumentException("Speeding HysteresisKmh must be 0 or more and below LimitKmh.");
        }

        if (MinimumDuration < TimeSpan.Zero || EndAfter < TimeSpan.Zero || MaximumGap <= TimeSpan.Zero)
        {
            throw new ArgumentException("Speeding MinimumDuration and EndAfter must not be negative, MaximumGap must be positive.");
        }

        if (double.IsNaN(MaximumHdop) || MaximumHdop <= 0 || !(MaxSpeedUpdateStepKmh > 0))
        {
            throw new ArgumentException("Speeding MaximumHdop and MaxSpeedUpdateStepKmh must be more than 0.");
        }
    }
}
