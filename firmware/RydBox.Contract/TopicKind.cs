namespace RydBox.Contract;

/// <summary>The per-device topics of v1: rydbox/v1/{deviceId}/{suffix}.</summary>
public enum TopicKind
{
    /// <summary>telemetry: sample batches, box → gateway, QoS 1.</summary>
    Telemetry,

    /// <summary>event: on-box events, box → gateway, QoS 1.</summary>
    Event,

    /// <summary>status: retained online/offline status, box → gateway (offline via the last will), QoS 1.</summary>
    Status,

    /// <summary>cmd: commands, gateway → box, QoS 1.</summary>
    Command,

    /// <summary>cmd/ack: acknowledgements, box → gateway, QoS 1.</summary>
    CommandAck,
}

/// <summary>A topic taken apart. The device id is only what the topic claims: the gateway still checks it is the connected device's own.</summary>
public sealed record DeviceTopic(string DeviceId, TopicKind Kind);
