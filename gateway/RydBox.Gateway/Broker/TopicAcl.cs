using RydBox.Contract;
using RydBox.Gateway.Ingest;

namespace RydBox.Gateway.Broker;

/// <summary>
/// What a device may do on the embedded broker: publish on its own telemetry, event, status and
/// cmd/ack topics, subscribe to its own cmd topic, nothing else. The ingest pipeline applies the
/// same rule to name the dead letter of a refused publish.
/// </summary>
public static class TopicAcl
{
    /// <summary>True when <paramref name="deviceId"/> may publish on <paramref name="topic"/>; otherwise the dead-letter reason and why.</summary>
    public static bool MayPublish(string deviceId, string topic, out DeviceTopic? parsed, out string reason, out string detail)
    {
        if (!WireTopics.TryParse(topic, out parsed, out string why))
        {
            reason = DeadLetterReasons.InvalidTopic;
            detail = why;
            return false;
        }

        if (!string.Equals(parsed!.DeviceId, deviceId, StringComparison.Ordinal))
        {
            reason = DeadLetterReasons.TopicNotAllowed;
            detail = $"device {deviceId} published on the topic of device {parsed.DeviceId}";
            return false;
        }

        if (parsed.Kind == TopicKind.Command)
        {
            reason = DeadLetterReasons.TopicNotAllowed;
            detail = "the cmd topic carries commands from the gateway to the box; a box may not publish on it";
            return false;
        }

        reason = "";
        detail = "";
        return true;
    }

    /// <summary>True only for the device's own cmd topic, exactly (no wildcards).</summary>
    public static bool MaySubscribe(string deviceId, string topicFilter) =>
        WireTopics.IsValidDeviceId(deviceId) && string.Equals(topicFilter, WireTopics.Build(deviceId, TopicKind.Command), StringComparison.Ordinal);
}
