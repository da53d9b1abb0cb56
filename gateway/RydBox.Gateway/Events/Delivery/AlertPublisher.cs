using RydBox.Gateway.Broker;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// Publishes notifications on the tenants' MQTT alert topics (<see cref="AlertTopics"/>), QoS 1, not
/// retained, through whichever broker the gateway runs (<see cref="IBrokerPublisher"/>). Without a
/// broker (a host that registered none) it publishes nothing.
/// </summary>
public sealed class AlertPublisher(IBrokerPublisher? broker, ILogger<AlertPublisher> logger)
{
    /// <summary>Publishes each notification; returns how many the broker took. Throws only for cancellation.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<EventNotification> notifications, CancellationToken cancellationToken)
    {
        if (broker is null || notifications.Count == 0)
        {
            return 0;
        }

        int published = 0;
        int failed = 0;
        string? firstError = null;
        foreach (EventNotification notification in notifications)
        {
            try
            {
                string topic = AlertTopics.Build(notification.TenantId, notification.DeviceId, notification.Event.Kind);
                await broker.PublishAsync(topic, NotificationJson.Serialize(notification), retain: false, cancellationToken);
                published++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                failed++;
                firstError ??= e.Message;
            }
        }

        if (failed > 0)
        {
            // One line per batch: a broker that is down would otherwise flood the log.
            logger.LogWarning("Could not publish {Failed} of {Count} alerts on MQTT: {Error}", failed, notifications.Count, firstError);
        }

        return published;
    }
}
