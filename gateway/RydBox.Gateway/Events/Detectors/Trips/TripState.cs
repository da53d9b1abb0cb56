namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>Everything <see cref="TripDetector"/> remembers of a device; round-trips through System.Text.Json.</summary>
public sealed record TripState
{
    /// <summary>The device reported rpm, OBD speed or ignition events: its trips are ignition-based, GNSS movement with the engine off is no trip.</summary>
    public bool HasIgnitionData { get; init; }

    /// <summary>Outside a trip: since when the voltage has been at charging level without a break.</summary>
    public long? ChargingSinceUnixMs { get; init; }

    /// <summary>False after a trip until the voltage dropped below charging once (surface charge is no new start).</summary>
    public bool ChargingArmed { get; init; } = true;

    /// <summary>Where the vehicle is parked (outside a trip).</summary>
    public ParkedAnchor? Parked { get; init; }

    /// <summary>Movement-based: the consecutive fixes suggesting movement so far (the candidate's first rows).</summary>
    public System.Collections.Immutable.ImmutableArray<TripRow> MovementRun { get; init; } = [];

    /// <summary>Movement-based: the last fix that agreed with the parked anchor.</summary>
    public TripRow? LastParkedRow { get; init; }

    /// <summary>The last supply voltage read: below charging level the engine is off, so movement is the vehicle being carried.</summary>
    public double? LastSupplyVolts { get; init; }

    /// <summary>The box's own tow alarm is on (TowAlarmStarted without TowAlarmEnded yet): movement is a tow, not a trip.</summary>
    public bool BoxTowAlarm { get; init; }

    /// <summary>The last position seen at all (a start place when a trip starts without one).</summary>
    public Model.Place? LastPlace { get; init; }

    /// <summary>The last moment the engine was known off (a resting voltage, rpm 0, the box's IgnitionOff): no trip starts before it.</summary>
    public long? LastEngineOffUnixMs { get; init; }

    /// <summary>The odometer where the last trip ended (its last reading plus what was measured after it), km.</summary>
    public double? ParkedOdometerKm { get; init; }

    public TripProgress? Trip { get; init; }
}
