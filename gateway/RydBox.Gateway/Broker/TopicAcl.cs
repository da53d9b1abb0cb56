using RydBox.Contract;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Ingest;

namespace RydBox.Gateway.Broker;

/// <summary>
/// What a device may do on the embedded broker: publish on its own telemetry, event, status and
/// cmd/ack topics, subscribe to its own cmd topic, nothing else. The ingest pipeline applies the
/// same rule to name the dead letter of a refused publish.
/// <para>
/// App and partner clients (alert readers) log in with an API key: user name = the key's id, password
/// = the whole key, client id = "{key id}:{anything}" (1 to 64 of A-Z a-z 0-9 - _ . after the ':').
/// The ':' keeps their client ids apart from every device id, so an app can never take over a box's
/// session. They may subscribe only to their own tenant's alerts (<see cref="MayAppSubscribe"/>) and
/// may publish nothing.
/// </para>
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

    /// <summary>True for the client id of an app or partner client (one with a ':', which no device id has).</summary>
    public static bool IsAppClientId(string? clientId) => clientId is not null && clientId.Contains(':');

    /// <summary>True when <paramref name="clientId"/> is "{<paramref name="keyId"/>}:{suffix}" with a suffix of 1 to 64 device id characters.</summary>
    public static bool IsAppClientIdOf(string? clientId, string keyId)
    {
        if (clientId is null || !clientId.StartsWith(keyId + ":", StringComparison.Ordinal))
        {
            return false;
        }

        return WireTopics.IsValidDeviceId(clientId[(keyId.Length + 1)..]);
    }

    /// <summary>The key id an app logs in with as its user name, when <paramref name="password"/> is an API key with that id.</summary>
    public static bool IsApiKeyLogin(string? userName, string? password) =>
        ApiKeyRegistry.TryParse(password, out string? id, out _) && string.Equals(id, userName, StringComparison.Ordinal);

    /// <summary>An app of <paramref name="tenantId"/> may subscribe to its tenant's alerts/# or narrower filters under it, nothing else.</summary>
    public static bool MayAppSubscribe(string tenantId, string topicFilter) => AlertTopics.IsWithinTenant(topicFilter, tenantId);
}
