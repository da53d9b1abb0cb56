namespace RydBox.Contract;

/// <summary>Builds and takes apart the v1 topics (WIRE-FORMAT.md, "Topics").</summary>
public static class WireTopics
{
    public const string Prefix = "rydbox/v1/";

    /// <summary>Longest device id: letters, digits, '-', '_' and '.', so an id is never a topic level or wildcard of its own.</summary>
    public const int MaxDeviceIdLength = 64;

    private static readonly (TopicKind Kind, string Suffix)[] Suffixes =
    [
        (TopicKind.Telemetry, "telemetry"),
        (TopicKind.Event, "event"),
        (TopicKind.Status, "status"),
        (TopicKind.Command, "cmd"),
        (TopicKind.CommandAck, "cmd/ack"),
    ];

    /// <exception cref="ArgumentException">The device id is not a valid one.</exception>
    public static string Build(string deviceId, TopicKind kind)
    {
        if (!IsValidDeviceId(deviceId))
        {
            throw new ArgumentException($"\"{deviceId}\" is not a device id: 1 to {MaxDeviceIdLength} of A-Z a-z 0-9 - _ .", nameof(deviceId));
        }

        return Prefix + deviceId + "/" + SuffixOf(kind);
    }

    /// <summary>The subscription filter for one kind from every device, e.g. "rydbox/v1/+/telemetry".</summary>
    public static string Filter(TopicKind kind) => Prefix + "+/" + SuffixOf(kind);

    public static bool IsValidDeviceId(string? deviceId) =>
        !string.IsNullOrEmpty(deviceId) && deviceId.Length <= MaxDeviceIdLength && deviceId.All(IsDeviceIdChar);

    /// <summary>Takes a topic apart; false with a reason for anything but a v1 device topic.</summary>
    public static bool TryParse(string? topic, out DeviceTopic? parsed, out string reason)
    {
        parsed = null;
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reason = $"topic does not start with \"{Prefix}\"";
            return false;
        }

        int slash = topic.IndexOf('/', Prefix.Length);
        if (slash < 0)
        {
            reason = "topic has no kind after the device id";
            return false;
        }

        string deviceId = topic[Prefix.Length..slash];
        if (!IsValidDeviceId(deviceId))
        {
            reason = $"\"{deviceId}\" is not a device id (1 to {MaxDeviceIdLength} of A-Z a-z 0-9 - _ .)";
            return false;
        }

        string suffix = topic[(slash + 1)..];
        foreach (var (kind, known) in Suffixes)
        {
            if (suffix == known)
            {
                parsed = new DeviceTopic(deviceId, kind);
                reason = "";
                return true;
            }
        }

        reason = $"unknown kind \"{suffix}\" (telemetry, event, status, cmd, cmd/ack)";
        return false;
    }

    /// <exception cref="WireFormatException">With <see cref="WireError.InvalidTopic"/> for anything but a v1 device topic.</exception>
    public static DeviceTopic Parse(string? topic) =>
        TryParse(topic, out DeviceTopic? parsed, out string reason)
            ? parsed!
            : throw new WireFormatException(WireError.InvalidTopic, $"topic \"{topic}\": {reason}");

    private static string SuffixOf(TopicKind kind)
    {
        foreach (var (known, suffix) in Suffixes)
        {
            if (known == kind)
            {
                return suffix;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a topic kind");
    }

    private static bool IsDeviceIdChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
}
