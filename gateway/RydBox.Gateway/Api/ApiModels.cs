namespace RydBox.Gateway.Api;

// What the API answers, serialized camelCase. Times are UTC and written ISO 8601 with Z.

/// <summary>A vehicle (a box) of the caller's tenant.</summary>
/// <param name="LastSeen">Latest time the gateway holds for it: a signal, an event or a status message; null when it never sent any.</param>
public sealed record VehicleInfo(string Id, string? Name, string? Vin, bool Online, DateTime? LastSeen, string? Firmware, bool Revoked);

public sealed record VehicleList(IReadOnlyList<VehicleInfo> Vehicles);

/// <summary>The digital on-board computer: every signal's latest value.</summary>
public sealed record LatestView(
    string VehicleId,
    string? Name,
    string? Vin,
    bool Online,
    DateTime? LastSeen,
    string? Firmware,
    string? Protocol,
    PositionFix? Position,
    IReadOnlyList<LatestSignal> Signals);

/// <summary>A WGS 84 position in degrees and when the box had it.</summary>
public sealed record PositionFix(double Latitude, double Longitude, DateTime Time);

/// <param name="Raw">The integer the box sent; <paramref name="Value"/> is it scaled to <paramref name="Unit"/>.</param>
public sealed record LatestSignal(int Id, string Name, string Unit, double Value, long Raw, DateTime Time);

public sealed record SignalField(int Id, string Name, string Unit);

/// <summary>Samples (or, with every, one row per bucket with samples) with values by signal name.</summary>
/// <param name="Every">Bucket width as asked (e.g. "1m"); null for raw samples.</param>
/// <param name="Agg">mean, min, max or last; null for raw samples.</param>
public sealed record TelemetryView(
    string VehicleId,
    DateTime From,
    DateTime To,
    string? Every,
    string? Agg,
    IReadOnlyList<SignalField> Fields,
    IReadOnlyList<TelemetryRowView> Rows);

/// <param name="Time">The sample's time, or the start of the bucket (buckets are aligned to the unix epoch).</param>
public sealed record TelemetryRowView(DateTime Time, IReadOnlyDictionary<string, double> Values);

public sealed record EventList(string VehicleId, DateTime From, DateTime To, IReadOnlyList<BoxEventView> Events);

/// <param name="Type">snake_case name of the box's event type (ignition_on, tow_alarm_started, dtc_set…); unknown_{code} for codes this gateway does not know.</param>
public sealed record BoxEventView(long Sequence, string Type, int TypeCode, DateTime Time, GeoPosition? Position, long Value, string? Detail);

public sealed record GeoPosition(double Latitude, double Longitude);

public sealed record DeadLetterList(IReadOnlyList<DeadLetterView> DeadLetters);

/// <param name="Reason">The WireError or ingest rule that refused the message.</param>
/// <param name="Payload">The message as received, base64.</param>
public sealed record DeadLetterView(long Id, DateTime ReceivedAt, string? DeviceId, string Topic, string Reason, string Detail, int PayloadBytes, byte[] Payload);

public sealed record HealthReport(string Status, string Database, int? SchemaVersion);

/// <summary>GeoJSON (RFC 7946) FeatureCollection holding the track.</summary>
public sealed record TrackCollection(string Type, IReadOnlyList<TrackFeature> Features);

/// <summary>A LineString of [longitude, latitude] positions (a Point for a single fix).</summary>
public sealed record TrackFeature(string Type, TrackGeometry Geometry, TrackProperties Properties);

public sealed record TrackGeometry(string Type, object Coordinates);

/// <param name="Times">The time of each position, in the geometry's order.</param>
public sealed record TrackProperties(string VehicleId, DateTime Start, DateTime End, int Points, IReadOnlyList<DateTime> Times);
