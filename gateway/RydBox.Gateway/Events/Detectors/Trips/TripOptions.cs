namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>
/// Thresholds of <see cref="TripDetector"/>, bound from configuration section <c>RydBox:Events:Trip</c>.
/// The defaults are calibrated for the box's sampling (1 s while driving, 5 s idling, 60 s parked,
/// 5 min standby) and a consumer GNSS receiver (HDOP 0.8–2.5, UERE ~3.5 m).
/// </summary>
public sealed record TripOptions
{
    /// <summary>Engine speed above which the engine runs, rpm. Default 0: any rpm reading above zero.</summary>
    public double RunningRpm { get; init; }

    /// <summary>
    /// Supply voltage at or above which the alternator charges, V. Default 13.0: a resting 12 V
    /// battery stays below it, a running engine holds 13.8–14.4 V. Voltage alone never starts a
    /// trip (a battery charger holds it too); it places the start earlier and ends a trip once it drops.
    /// </summary>
    public double ChargingVolts { get; init; } = 13.0;

    /// <summary>
    /// How far back before the first rpm/OBD-speed/ignition evidence a continuous charging voltage
    /// may place the start, s. Default 120: the box samples the voltage once a minute while parked,
    /// so the voltage often sees the engine first.
    /// </summary>
    public double StartLookBackSeconds { get; init; } = 120;

    /// <summary>
    /// How long the engine must stay stopped (rpm 0, or the voltage below charging once it charged)
    /// while standing before the trip ends without the box's IgnitionOff, s. Default 180: longer
    /// than a start-stop halt at a red light. The end is placed at the last sign of the engine running.
    /// </summary>
    public double EngineOffConfirmSeconds { get; init; } = 180;

    /// <summary>Speed below which the vehicle stands, km/h. Default 3 (parked GNSS Doppler noise stays below 1).</summary>
    public double StandingKmh { get; init; } = 3;

    /// <summary>GNSS speed that counts as moving for movement-based trips, km/h. Default 10.</summary>
    public double MovingKmh { get; init; } = 10;

    /// <summary>
    /// Consecutive fixes beyond the drift radius (or at moving speed) that start a movement-based
    /// trip. Default 4: parked multipath lasts one sample, rarely two.
    /// </summary>
    public int MovementConfirmFixes { get; init; } = 4;

    /// <summary>The movement fixes must span at least this long, s. Default 20 (longer than a multipath jump sampled every 2 s).</summary>
    public double MovementConfirmSeconds { get; init; } = 20;

    /// <summary>Standing still within the drift radius this long ends a movement-based trip, s. Default 180. The end is placed where it stopped.</summary>
    public double StationaryEndSeconds { get; init; } = 180;

    /// <summary>
    /// A silence longer than this inside a trip ends it at its last observation, s. Default 600: a
    /// box reboot or a short power cut (a minute or two) keeps the trip one trip.
    /// </summary>
    public double DataGapSeconds { get; init; } = 600;

    /// <summary>Trips shorter than this are dropped (never emitted), s. Default 60.</summary>
    public double MinDurationSeconds { get; init; } = 60;

    /// <summary>Trips shorter than this are dropped (never emitted), km. Default 0.2 (moving the car in a driveway is no trip).</summary>
    public double MinDistanceKm { get; init; } = 0.2;

    /// <summary>An open trip is emitted again with its progress at most this often, s; 0 never. Default 300.</summary>
    public double UpdateEverySeconds { get; init; } = 300;

    /// <summary>Drift radius per unit of √(hdop₁² + hdop₂²), m. Default 12 (≈ 3.5 σ of the two fixes' difference with UERE 3.5 m).</summary>
    public double RadiusMetresPerHdop { get; init; } = 12;

    /// <summary>Smallest drift radius, m. Default 30.</summary>
    public double MinRadiusMetres { get; init; } = 30;

    /// <summary>HDOP assumed for a fix that states none. Default 2.5 (the pessimistic end of the usual range).</summary>
    public double AssumedHdop { get; init; } = 2.5;

    /// <summary>Fixes with a worse HDOP are ignored. Default 5.</summary>
    public double MaxHdop { get; init; } = 5;

    /// <summary>
    /// Agreeing fixes (each within the drift radius of one of them) that settle the parked
    /// position at their median; displacement is judged only once it is settled (speed always).
    /// Default 4: multipath jumps point in random directions and a two-row jump gives two agreeing
    /// fixes, so four agreeing fixes are the vehicle (and a run beyond the radius better supported
    /// than a freshly settled anchor moves the anchor instead of alarming).
    /// </summary>
    public int AnchorSettleFixes { get; init; } = 4;

    /// <summary>A settled anchor moves by 1/this of an agreeing fix's offset. Default 10.</summary>
    public int AnchorSmoothingFixes { get; init; } = 10;

    /// <summary>A GNSS segment implying more than this speed is a jump, not travel, km/h. Default 250.</summary>
    public double MaxPlausibleKmh { get; init; } = 250;

    /// <summary>Consecutive fixes further apart than this are not summed as a segment (speed is integrated instead), s. Default 30.</summary>
    public double MaxGnssSegmentSeconds { get; init; } = 30;

    /// <summary>Speeds (OBD, else GNSS) further apart than this are not integrated, s. Default 30.</summary>
    public double MaxSpeedGapSeconds { get; init; } = 30;

    /// <summary>
    /// A GNSS segment differing from the integrated speed by more than this plus
    /// <see cref="JumpToleranceFraction"/> of it is a multipath jump: the speed is used. Default 15 m.
    /// </summary>
    public double JumpToleranceMetres { get; init; } = 15;

    /// <summary>See <see cref="JumpToleranceMetres"/>. Default 0.25.</summary>
    public double JumpToleranceFraction { get; init; } = 0.25;

    /// <summary>
    /// The odometer difference replaces the measured distance when the odometer advanced at least
    /// this much during the trip, km. Default 10: its 0.1 km resolution is then within 1 %.
    /// </summary>
    public double OdometerMinSpanKm { get; init; } = 10;

    /// <summary>MAF readings further apart than this are not integrated, s. Default 60.</summary>
    public double MaxMafGapSeconds { get; init; } = 60;

    /// <summary>
    /// An ignition-based trip starts at the parked anchor when that agreed with a fix this recently,
    /// s; otherwise at its first fix. Default 900 (an anchor older than that may predate a tow).
    /// </summary>
    public double StartAnchorMaxAgeSeconds { get; init; } = 900;

    /// <summary>
    /// When a trip's first fix is already beyond the drift radius of where it was parked (the box
    /// slept in standby, sampling every 5 min, and saw the engine late), the start is moved back by
    /// the straight-line distance times this factor at the first speed seen (never before the last
    /// sign of the engine off). Default 1.3 (roads are about that much longer than the straight line).
    /// </summary>
    public double UnseenRouteFactor { get; init; } = 1.3;

    /// <summary>The least speed assumed for moving the start back, km/h. Default 30.</summary>
    public double UnseenMinSpeedKmh { get; init; } = 30;

    /// <summary>
    /// When the odometer says at least this much more was driven before the trip's first odometer
    /// reading than was measured, the odometer bridges the unseen start, km. Default 0.5 (well
    /// above the 0.1 km resolution of two readings).
    /// </summary>
    public double OdometerBridgeMinKm { get; init; } = 0.5;

    /// <summary>Tank size for fuel used from the fuel-level difference when no MAF is read, litres. Default null (unknown: not used).</summary>
    public double? TankCapacityLitres { get; init; }
}
