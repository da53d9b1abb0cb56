namespace RydBox.Gateway.Events.Delivery;

/// <summary>Where the event processing hands what it detected, to be delivered to the tenants.</summary>
public interface IAlertSink
{
    /// <summary>
    /// Delivers the notifications: publishes each on its tenant's MQTT alert topic and queues it (on
    /// disk) for the tenant's matching webhooks, which a background worker sends. Never throws (failures
    /// are logged); returns once the webhook deliveries are queued and the MQTT publishes handed to the
    /// broker, without waiting for any webhook receiver.
    /// </summary>
    Task PublishAsync(IReadOnlyList<EventNotification> notifications, CancellationToken cancellationToken);
}
