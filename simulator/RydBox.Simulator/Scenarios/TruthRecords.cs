using System.Text.Json.Serialization;
using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Scenarios;

/// <summary>One thing that happened, from <see cref="StartUnixMs"/> to <see cref="EndUnixMs"/> (equal for an instant).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TripTruth), "trip")]
[JsonDerivedType(typeof(TowTruth), "tow")]
[JsonDerivedType(typeof(OutageTruth), "outage")]
[JsonDerivedType(typeof(DtcTruth), "dtc")]
[JsonDerivedType(typeof(LowBatteryTruth), "low_battery")]
[JsonDerivedType(typeof(SpeedingTruth), "speeding")]
[JsonDerivedType(typeof(GeofenceTruth), "geofence")]
[JsonDerivedType(typeof(NoSkyTruth), "no_sky")]
public abstract record TruthRecord(long StartUnixMs, long EndUnixMs);

/// <summary>A drive from ignition on to ignition off.</summary>
public sealed record TripTruth(
    long StartUnixMs, long EndUnixMs, GeoPoint Start, GeoPoint End, double DistanceKm, double MaxSpeedKmh, double FuelUsedLitres)
    : TruthRecord(StartUnixMs, EndUnixMs);

/// <summary>The vehicle carried away with its ignition off, from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record TowTruth(long StartUnixMs, long EndUnixMs, GeoPoint From, GeoPoint To, double DistanceKm)
    : TruthRecord(StartUnixMs, EndUnixMs);

/// <summary>The box could not reach its broker.</summary>
public sealed record OutageTruth(long StartUnixMs, long EndUnixMs) : TruthRecord(StartUnixMs, EndUnixMs);

/// <summary>A diagnostic trouble code set (<see cref="Cleared"/> false) or cleared.</summary>
public sealed record DtcTruth(long StartUnixMs, string Code, bool Cleared) : TruthRecord(StartUnixMs, StartUnixMs);

/// <summary>The battery below <see cref="Volts"/> while parked.</summary>
public sealed record LowBatteryTruth(long StartUnixMs, long EndUnixMs, double Volts) : TruthRecord(StartUnixMs, EndUnixMs);

/// <summary>Driving faster than the posted <see cref="LimitKmh"/> by more than <see cref="TruthRecorder.SpeedingMargin"/>.</summary>
public sealed record SpeedingTruth(long StartUnixMs, long EndUnixMs, double LimitKmh, double MaxSpeedKmh)
    : TruthRecord(StartUnixMs, EndUnixMs);

/// <summary>Inside the circle around <see cref="Centre"/> with <see cref="RadiusMetres"/> from start to end.</summary>
public sealed record GeofenceTruth(long StartUnixMs, long EndUnixMs, string Name, GeoPoint Centre, double RadiusMetres)
    : TruthRecord(StartUnixMs, EndUnixMs);

/// <summary>No sky (a tunnel, a garage): the GNSS receiver saw no satellites.</summary>
public sealed record NoSkyTruth(long StartUnixMs, long EndUnixMs) : TruthRecord(StartUnixMs, EndUnixMs);
