namespace RydBox.Simulator.Gnss;

/// <summary>
/// Parameters of <see cref="GnssReceiverModel"/>. Defaults describe a consumer receiver (u-blox
/// class, GPS+Galileo) on a car roof in open country.
/// <para>
/// Horizontal error: each axis is a first-order Gauss-Markov process (correlation time
/// <see cref="ErrorCorrelationSeconds"/>) with standard deviation HDOP × <see cref="UereMetres"/> / √2,
/// so the horizontal RMS error (DRMS) is HDOP × UERE and 95 % of fixes lie within about 2 × HDOP ×
/// UERE (2DRMS) of the truth. The slow correlation makes a parked receiver wander a few metres over
/// minutes instead of jumping every second.
/// </para>
/// </summary>
public sealed record GnssModelOptions
{
    /// <summary>Time between solutions, ms. Default 1 000 (1 Hz).</summary>
    public long EpochMilliseconds { get; init; } = 1_000;

    /// <summary>User equivalent range error (1σ), m. Default 3.5: DRMS 3.5 m at HDOP 1, 2DRMS 7 m.</summary>
    public double UereMetres { get; init; } = 3.5;

    /// <summary>Correlation time of the position error, s. Default 120.</summary>
    public double ErrorCorrelationSeconds { get; init; } = 120;

    /// <summary>Satellites used on average; the count wanders between the min and max. Default 10 (5..14).</summary>
    public int MeanSatellites { get; init; } = 10;

    public int MinSatellites { get; init; } = 5;

    public int MaxSatellites { get; init; } = 14;

    /// <summary>How often the satellite count changes by one, per minute. Default 2.</summary>
    public double SatelliteChangesPerMinute { get; init; } = 2;

    /// <summary>HDOP with eight satellites; HDOP scales with 8 / satellites. Default 1.0 (0.57 with 14, 1.6 with 5).</summary>
    public double HdopAtEightSatellites { get; init; } = 1.0;

    /// <summary>Relative wander of the HDOP around its satellite-count value (1σ), correlated over a minute. Default 0.08.</summary>
    public double HdopWander { get; init; } = 0.08;

    /// <summary>VDOP as a multiple of HDOP (PDOP = √(HDOP² + VDOP²)). Default 1.5.</summary>
    public double VdopPerHdop { get; init; } = 1.5;

    /// <summary>Multipath jumps (reflections off buildings, trucks) per hour of fix. Default 2.</summary>
    public double MultipathJumpsPerHour { get; init; } = 2;

    /// <summary>Size of a multipath jump, m. Default 15..60.</summary>
    public double MinMultipathMetres { get; init; } = 15;

    public double MaxMultipathMetres { get; init; } = 60;

    /// <summary>Length of a multipath jump, s. Default 2..8.</summary>
    public double MinMultipathSeconds { get; init; } = 2;

    public double MaxMultipathSeconds { get; init; } = 8;

    /// <summary>Noise of the Doppler velocity per axis (1σ) per unit of HDOP, m/s. Default 0.05.</summary>
    public double VelocityNoiseMsPerHdop { get; init; } = 0.05;

    /// <summary>Below this measured speed the course is not stated (undefined at standstill), km/h. Default 1.</summary>
    public double CourseMinSpeedKmh { get; init; } = 1;

    /// <summary>Time to first fix after power-on (warm start), s. Default 26..34.</summary>
    public double MinFirstFixSeconds { get; init; } = 26;

    public double MaxFirstFixSeconds { get; init; } = 34;

    /// <summary>Time to get the fix back once the sky is visible again (hot start), s. Default 2..6.</summary>
    public double MinReacquisitionSeconds { get; init; } = 2;

    public double MaxReacquisitionSeconds { get; init; } = 6;
}
