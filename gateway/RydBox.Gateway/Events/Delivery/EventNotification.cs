using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// One detected event to deliver to a tenant: on its MQTT alert topic and to its webhooks. The JSON
/// form is <see cref="NotificationJson"/> (documented in README.md).
/// </summary>
public sealed record EventNotification(string TenantId, string DeviceId, VehicleEvent Event, EventChange Change, DateTimeOffset DetectedAt)
{
    /// <summary>
    /// "{deviceId}/{event key}/{change}", e.g. "box-1/trip:1700000000000/started": the same for every
    /// delivery of this notification, so consumers can drop repeats (deliveries are at least once).
    /// </summary>
    public string Id => $"{DeviceId}/{Event.Key}/{NotificationJson.ChangeName(Change)}";
}
