using System.Text.Json;

namespace RydBox.Gateway.Api;

// What the events, rules and webhook endpoints take and answer, serialized camelCase. Times out are UTC, ISO 8601 with Z.

/// <summary>A circle: centre in WGS 84 degrees and a radius in metres (more than 0).</summary>
public sealed record CircleBody(double? Latitude, double? Longitude, double? RadiusMetres);

/// <summary>A new geofence: a <paramref name="Circle"/> or a <paramref name="Polygon"/> of [latitude, longitude] vertices (at least 3).</summary>
/// <param name="Vehicle">The one vehicle (box id) it watches; omitted for every vehicle of the tenant.</param>
public sealed record GeofenceRequest(string? Name, string? Vehicle, CircleBody? Circle, double[][]? Polygon);

/// <param name="Shape">circle or polygon; the other of <paramref name="Circle"/> and <paramref name="Polygon"/> is null.</param>
/// <param name="Vehicle">The one vehicle it watches; null for every vehicle of the tenant.</param>
public sealed record GeofenceView(string Id, string Name, string? Vehicle, string Shape, CircleBody? Circle, IReadOnlyList<double[]>? Polygon, DateTime Created);

public sealed record GeofenceList(IReadOnlyList<GeofenceView> Geofences);

/// <summary>A new curfew: on each of <paramref name="Days"/> from <paramref name="Start"/> to <paramref name="End"/> local time (an end at or before the start runs past midnight).</summary>
/// <param name="Days">monday … sunday.</param>
/// <param name="Start">24-hour HH:mm.</param>
/// <param name="TimeZone">IANA time zone id, e.g. Europe/Berlin.</param>
/// <param name="Vehicle">The one vehicle (box id) it watches; omitted for every vehicle of the tenant.</param>
public sealed record CurfewRequest(string? Name, string? Vehicle, string[]? Days, string? Start, string? End, string? TimeZone);

public sealed record CurfewView(string Id, string Name, string? Vehicle, IReadOnlyList<string> Days, string Start, string End, string TimeZone, DateTime Created);

public sealed record CurfewList(IReadOnlyList<CurfewView> Curfews);

/// <summary>An event the gateway detected (a trip, towing, a geofence crossed …) as stored: its latest version.</summary>
/// <param name="End">Null while the episode goes on (<paramref name="Open"/>).</param>
/// <param name="Withdrawn">When late data re-derived the events without this one (two trips became one); null for a current event.</param>
/// <param name="Event">The event itself as alerts and webhooks carry it: its "kind" and fields, times in unix milliseconds.</param>
public sealed record VehicleEventView(string Device, string Kind, string Key, DateTime Start, DateTime? End, bool Open, DateTime? Withdrawn, DateTime Updated, JsonElement Event);

public sealed record VehicleEventList(IReadOnlyList<VehicleEventView> Events);

/// <param name="Kinds">Event kinds to send (trip, towing, geofence, speeding, curfew, dtc, low_battery, offline); omitted or empty for all.</param>
public sealed record WebhookRequest(string? Url, string[]? Kinds);

public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Kinds, bool Enabled, DateTime Created);

/// <param name="Secret">Signs every delivery (X-RydBox-Signature): shown only in this answer.</param>
public sealed record IssuedWebhookView(string Id, string Url, IReadOnlyList<string> Kinds, bool Enabled, DateTime Created, string Secret);

public sealed record WebhookList(IReadOnlyList<WebhookView> Webhooks);

/// <param name="Status">pending, delivered or failed.</param>
/// <param name="Body">The notification posted, exactly as signed.</param>
public sealed record WebhookDeliveryView(
    long Id,
    string WebhookId,
    string Device,
    string NotificationId,
    string Status,
    int Attempts,
    DateTime NextAttempt,
    int? LastStatusCode,
    string? LastError,
    DateTime Created,
    DateTime Updated,
    JsonElement Body);

public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryView> Deliveries);
