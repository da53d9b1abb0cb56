namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// The <see cref="IAlertSink"/>: queues webhook deliveries first (on disk, so they survive a crash
/// right after), then publishes on MQTT within <see cref="MqttPublishTimeout"/>. Never throws.
/// </summary>
public sealed class AlertDispatcher(WebhookQueue webhooks, AlertPublisher mqtt, ILogger<AlertDispatcher> logger) : IAlertSink
{
    /// <summary>Longest the MQTT publishes of one call may take (an external broker that stopped answering), so ingest is never held up long.</summary>
    public static readonly TimeSpan MqttPublishTimeout = TimeSpan.FromSeconds(5);

    public async Task PublishAsync(IReadOnlyList<EventNotification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        try
        {
            webhooks.Enqueue(notifications);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not queue {Count} notifications for webhooks; they are not sent there", notifications.Count);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(MqttPublishTimeout);
            await mqtt.PublishAsync(notifications, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Publishing {Count} alerts on MQTT took longer than {Timeout}; the rest were dropped", notifications.Count, MqttPublishTimeout);
        }
        catch (OperationCanceledException)
        {
            // The caller is stopping.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Publishing {Count} alerts on MQTT failed", notifications.Count);
        }
    }
}
