using System.Text.Json.Serialization;

namespace RydBox.Gateway.Events.Model;

/// <summary>
/// What a detector found, from <see cref="StartUnixMs"/> to <see cref="EndUnixMs"/> (null while an
/// episode is still going on; equal to the start for an instant). A detector emits an episode when
/// it starts and again, with the same <see cref="Key"/>, when it changes or ends: the store keeps the
/// latest version per key, and the same samples always give the same keys.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TripEvent), EventKinds.Trip)]
[JsonDerivedType(typeof(TowingEvent), EventKinds.Towing)]
[JsonDerivedType(typeof(GeofenceEvent), EventKinds.Geofence)]
[JsonDerivedType(typeof(SpeedingEvent), EventKinds.Speeding)]
[JsonDerivedType(typeof(CurfewEvent), EventKinds.Curfew)]
[JsonDerivedType(typeof(DtcEvent), EventKinds.Dtc)]
[JsonDerivedType(typeof(LowBatteryEvent), EventKinds.LowBattery)]
[JsonDerivedType(typeof(OfflineEvent), EventKinds.Offline)]
public abstract record VehicleEvent(long StartUnixMs, long? EndUnixMs)
{
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Names the episode among the device's events of any kind.</summary>
    [JsonIgnore]
    public virtual string Key => $"{Kind}:{StartUnixMs}";

    [JsonIgnore]
    public bool IsOpen => EndUnixMs is null;
}

/// <summary>How a trip was recognised.</summary>
public enum TripSource
{
    /// <summary>From the engine (RPM, OBD speed, the box's ignition events).</summary>
    Ignition,

    /// <summary>From GNSS movement alone (no OBD data).</summary>
    Movement,
}

/// <summary>A drive: one entry of the automatic logbook.</summary>
public sealed record TripEvent(
    long StartUnixMs,
    long? EndUnixMs,
    Place StartPlace,
    Place? EndPlace,
    double DistanceKm,
    double MaxSpeedKmh,
    double AverageSpeedKmh,
    double? FuelUsedLitres,
    TripSource Source) : VehicleEvent(StartUnixMs, EndUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Trip;
}

/// <summary>The vehicle carried away with its ignition off: one alert per episode, with its path.</summary>
public sealed record TowingEvent(
    long StartUnixMs,
    long? EndUnixMs,
    Place From,
    Place? To,
    IReadOnlyList<TrackPoint> Path,
    bool RaisedByBox) : VehicleEvent(StartUnixMs, EndUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Towing;
}

public enum GeofenceTransition
{
    Enter,
    Exit,
}

/// <summary>The vehicle entered or left a geofence (an instant).</summary>
public sealed record GeofenceEvent(long StartUnixMs, string FenceId, string FenceName, GeofenceTransition Transition, Place Position)
    : VehicleEvent(StartUnixMs, StartUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Geofence;

    [JsonIgnore]
    public override string Key => $"{Kind}:{StartUnixMs}:{FenceId}:{Transition}";
}

/// <summary>Faster than <see cref="LimitKmh"/> for at least the configured time.</summary>
public sealed record SpeedingEvent(long StartUnixMs, long? EndUnixMs, double LimitKmh, double MaxSpeedKmh, Place? Position)
    : VehicleEvent(StartUnixMs, EndUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Speeding;
}

/// <summary>Driven during a curfew window.</summary>
public sealed record CurfewEvent(long StartUnixMs, long? EndUnixMs, string WindowName, Place? Position)
    : VehicleEvent(StartUnixMs, EndUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Curfew;
}

/// <summary>A diagnostic trouble code newly reported (or cleared).</summary>
public sealed record DtcEvent(long StartUnixMs, string Code, bool Cleared) : VehicleEvent(StartUnixMs, StartUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Dtc;

    [JsonIgnore]
    public override string Key => $"{Kind}:{StartUnixMs}:{Code}:{(Cleared ? "cleared" : "set")}";
}

/// <summary>The battery low while parked (an instant, at most one per parked stretch).</summary>
public sealed record LowBatteryEvent(long StartUnixMs, double Volts, Place? Position) : VehicleEvent(StartUnixMs, StartUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.LowBattery;
}

/// <summary>The device unreachable: its connection dropped, or silent for longer than the configured time.</summary>
public sealed record OfflineEvent(long StartUnixMs, long? EndUnixMs) : VehicleEvent(StartUnixMs, EndUnixMs)
{
    [JsonIgnore]
    public override string Kind => EventKinds.Offline;
}
