namespace RydBox.Gateway.Events.Detectors.Towing;

/// <summary>
/// Thresholds of <see cref="TowingDetector"/>, bound from configuration section <c>RydBox:Events:Towing</c>.
/// Calibrated for parked sampling every 60 s (every 5 min in standby), HDOP 0.8–2.5, drift of a
/// few metres and multipath jumps of 20–60 m lasting one sample (rarely two).
/// </summary>
public sealed record TowingOptions
{
    /// <summary>Engine speed above which the engine runs (ignition on), rpm. Default 0.</summary>
    public double RunningRpm { get; init; }

    /// <summary>Supply voltage at or above which the alternator charges (ignition on), V. Default 13.0.</summary>
    public double ChargingVolts { get; init; } = 13.0;

    /// <summary>GNSS speed that counts as carried, km/h. Default 10 (parked Doppler noise stays below 1–3).</summary>
    public double MovingKmh { get; init; } = 10;

    /// <summary>Consecutive fixes at moving speed that start an episode. Default 2 (a single speed glitch never alarms).</summary>
    public int SpeedConfirmFixes { get; init; } = 2;

    /// <summary>The moving-speed fixes must span at least this long, s. Default 10.</summary>
    public double SpeedConfirmSeconds { get; init; } = 10;

    /// <summary>
    /// Consecutive fixes beyond the drift radius of the parked position that start an episode.
    /// Default 4: a multipath jump lasts one sample, rarely two, and jumps are rare enough that a
    /// two-sample jump followed by two more in a row does not happen in thousands of nights.
    /// </summary>
    public int DisplacedConfirmFixes { get; init; } = 4;

    /// <summary>
    /// Consecutive fixes beyond the drift radius plus <see cref="MultipathMarginMetres"/> that start
    /// an episode. Default 2: no multipath jump reaches that far, so two such fixes are a carried
    /// vehicle (a tow at 40 km/h is ~700 m away by the next 60 s sample).
    /// </summary>
    public int FarConfirmFixes { get; init; } = 2;

    /// <summary>The largest multipath jump expected, m. Default 60.</summary>
    public double MultipathMarginMetres { get; init; } = 60;

    /// <summary>
    /// The displaced (or far) fixes must span at least this long, s. Default 30: longer than any
    /// multipath jump, even when the box samples every 2 s while it confirms something.
    /// </summary>
    public double DisplacedConfirmSeconds { get; init; } = 30;

    /// <summary>Drift radius per unit of √(hdop₁² + hdop₂²), m. Default 12 (≈ 3.5 σ of two fixes' difference with UERE 3.5 m).</summary>
    public double RadiusMetresPerHdop { get; init; } = 12;

    /// <summary>Smallest drift radius, m. Default 30.</summary>
    public double MinRadiusMetres { get; init; } = 30;

    /// <summary>HDOP assumed for a fix that states none. Default 2.5.</summary>
    public double AssumedHdop { get; init; } = 2.5;

    /// <summary>Fixes with a worse HDOP are ignored (neither evidence nor anchor). Default 5.</summary>
    public double MaxHdop { get; init; } = 5;

    /// <summary>
    /// Agreeing fixes (each within the drift radius of one of them) that settle the parked
    /// position at their median; displacement is judged only once it is settled (speed always).
    /// Default 4: multipath jumps point in random directions and a two-row jump gives two agreeing
    /// fixes, so four agreeing fixes are the vehicle (and a run beyond the radius better supported
    /// than a freshly settled anchor moves the anchor instead of alarming).
    /// </summary>
    public int AnchorSettleFixes { get; init; } = 4;

    /// <summary>A settled parked position moves by 1/this of an agreeing fix's offset. Default 10.</summary>
    public int AnchorSmoothingFixes { get; init; } = 10;

    /// <summary>Standing still (no moving speed, within the drift radius) this long ends an episode, s. Default 300.</summary>
    public double EndAfterStillSeconds { get; init; } = 300;

    /// <summary>While the box's own tow alarm runs, its end is awaited up to this much stillness, s. Default 900.</summary>
    public double EndAfterStillWhileBoxAlarmSeconds { get; init; } = 900;

    /// <summary>No observation at all for this long ends an open episode at its last movement, s. Default 1 800.</summary>
    public double EndAfterSilenceSeconds { get; init; } = 1_800;

    /// <summary>At most this many points in an episode's path; more are thinned evenly. Default 200.</summary>
    public int MaxPathPoints { get; init; } = 200;

    /// <summary>A fix closer than this to the path's last point is not added, m. Default 20.</summary>
    public double MinPathSpacingMetres { get; init; } = 20;
}
