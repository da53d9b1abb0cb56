using System.Text.Json;
using System.Text.Json.Serialization;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>The JSON document of a notification as MQTT alert subscribers and webhooks get it.</summary>
/// <param name="Event">With its "kind" discriminator first (VehicleEvent's JsonPolymorphic attributes).</param>
public sealed record NotificationDocument(
    string Id,
    string TenantId,
    string DeviceId,
    EventChange Change,
    DateTimeOffset DetectedAt,
    VehicleEvent Event);

/// <summary>
/// Writes (and reads back) the one JSON form of an <see cref="EventNotification"/>: camelCase
/// properties, enums as camelCase strings, the event under "event" with its "kind" discriminator,
/// times inside the event as unix milliseconds (as the model has them) and "detectedAt" as an
/// ISO 8601 UTC timestamp. See README.md for an example.
/// </summary>
public static class NotificationJson
{
    /// <summary>The options the document is written with (and read with): <see cref="EventJson.Options"/>.</summary>
    public static JsonSerializerOptions Options => EventJson.Options;

    public static NotificationDocument Document(EventNotification notification) => new(
        notification.Id,
        notification.TenantId,
        notification.DeviceId,
        notification.Change,
        notification.DetectedAt.ToUniversalTime(),
        notification.Event);

    /// <summary>The UTF-8 JSON body, as published and posted (and signed).</summary>
    public static byte[] Serialize(EventNotification notification) =>
        JsonSerializer.SerializeToUtf8Bytes(Document(notification), Options);

    /// <exception cref="JsonException">Not a notification document.</exception>
    public static NotificationDocument Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<NotificationDocument>(utf8Json, Options) ?? throw new JsonException("null is not a notification");

    /// <summary>"started", "updated", "ended", "instant": as the JSON and the notification id spell it.</summary>
    public static string ChangeName(EventChange change) => change switch
    {
        EventChange.Started => "started",
        EventChange.Updated => "updated",
        EventChange.Ended => "ended",
        EventChange.Instant => "instant",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "not an event change"),
    };
}
