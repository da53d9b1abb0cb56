using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>A trip under way (or a candidate not yet credible enough to be emitted).</summary>
public sealed record TripProgress
{
    public required long StartUnixMs { get; init; }

    public required TripSource Source { get; init; }

    /// <summary>Where it started; null until a position is known.</summary>
    public Place? StartPlace { get; init; }

    /// <summary>Ignition-based: where the vehicle was parked before (its first fix far from it means the start was seen late).</summary>
    public Place? ParkedPlace { get; init; }

    public double ParkedHdop { get; init; }

    /// <summary>The start is never placed before this (the engine was known off then).</summary>
    public long? NotBeforeUnixMs { get; init; }

    /// <summary>A fix was seen in the trip (the first one may place the start earlier).</summary>
    public bool FixSeen { get; init; }

    /// <summary>The first fix was already far from where it was parked: the engine was seen late.</summary>
    public bool StartSeenLate { get; init; }

    /// <summary>The odometer where the previous trip ended, km; bridges what was driven before the first row.</summary>
    public double? OdometerAtStartKm { get; init; }

    /// <summary>True once the open trip was emitted: from then on its end will be emitted too.</summary>
    public bool Emitted { get; init; }

    public long LastEmittedUnixMs { get; init; }

    /// <summary>The last observation that belonged to the trip.</summary>
    public long LastPartUnixMs { get; init; }

    /// <summary>Ignition-based: the last sign of the engine running (the end if it stops now).</summary>
    public long LastRunningUnixMs { get; init; }

    /// <summary>Ignition-based: the measured distance at the last sign of the engine running.</summary>
    public double MeasuredKmAtRunning { get; init; }

    /// <summary>Ignition-based: since when the engine has been seen stopped; null while it runs.</summary>
    public long? EngineOffSinceUnixMs { get; init; }

    /// <summary>A charging voltage was seen in this trip, so a drop below it says the engine stopped.</summary>
    public bool SawCharging { get; init; }

    /// <summary>Where the vehicle last moved (the place a stationary end is placed at).</summary>
    public Place? StillPlace { get; init; }

    public double StillHdop { get; init; }

    /// <summary>When the vehicle last moved beyond the drift radius or at moving speed.</summary>
    public long StillSinceUnixMs { get; init; }

    /// <summary>The measured distance when it last moved (standing drift after it is not counted at a stationary end).</summary>
    public double MeasuredKmAtStill { get; init; }

    /// <summary>Distance summed from GNSS segments and integrated speed, km.</summary>
    public double MeasuredKm { get; init; }

    public double MaxSpeedKmh { get; init; }

    public TripRow? Previous { get; init; }

    /// <summary>The last position seen in the trip.</summary>
    public Place? LastPlace { get; init; }

    public OdometerMark? FirstOdometer { get; init; }

    public OdometerMark? LastOdometer { get; init; }

    public RateReading? PreviousMaf { get; init; }

    /// <summary>Air drawn, g; meaningful when <see cref="MafIntegrated"/>.</summary>
    public double AirGrams { get; init; }

    public bool MafIntegrated { get; init; }

    public double? FirstFuelPercent { get; init; }

    public double? LastFuelPercent { get; init; }
}
