using MQTTnet;
using MQTTnet.Protocol;

namespace RydBox.Gateway.Broker;

/// <summary>
/// Publishes a message from the gateway (a command on a box's cmd topic, an alert on a topic the
/// gateway owns) through whichever broker is configured: injected into the embedded broker, or
/// published with QoS 1 by the external broker's client.
/// </summary>
public interface IBrokerPublisher
{
    /// <summary>Publishes with QoS 1; throws when the message could not be handed to the broker (external broker unreachable).</summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken);

    /// <summary>The message <see cref="PublishAsync"/> hands to either broker: QoS 1, retained when asked.</summary>
    internal static MqttApplicationMessage Message(string topic, ReadOnlyMemory<byte> payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayloadSegment(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
}
