using RydBox.Contract;

namespace RydBox.Gateway.Ingest;

/// <summary>
/// The reason a message became a dead letter (dead_letters.reason and the "reason" tag of the
/// rydbox.ingest.dead_letters counter): a <see cref="WireError"/> name when the contract refused the
/// topic or payload, otherwise one of the ingest rules below.
/// </summary>
public static class DeadLetterReasons
{
    public static readonly string Malformed = nameof(WireError.Malformed);
    public static readonly string Truncated = nameof(WireError.Truncated);

    /// <summary>Beyond a wire limit, or larger than Ingest:MaxMessageBytes.</summary>
    public static readonly string Oversized = nameof(WireError.Oversized);
    public static readonly string UnsupportedVersion = nameof(WireError.UnsupportedVersion);
    public static readonly string MissingField = nameof(WireError.MissingField);
    public static readonly string InvalidValue = nameof(WireError.InvalidValue);

    /// <summary>Not a v1 device topic box → gateway (telemetry, event, status, cmd/ack).</summary>
    public static readonly string InvalidTopic = nameof(WireError.InvalidTopic);

    /// <summary>A device published on a topic that is not its own (or on its own cmd topic, which is the gateway's).</summary>
    public const string TopicNotAllowed = "TopicNotAllowed";

    /// <summary>The topic names a device the gateway does not know (external broker).</summary>
    public const string UnknownDevice = "UnknownDevice";

    /// <summary>The device exists but was revoked.</summary>
    public const string RevokedDevice = "RevokedDevice";

    /// <summary>A sample or event stamped further ahead than Ingest:MaxFutureSkew.</summary>
    public const string TimeInFuture = "TimeInFuture";

    /// <summary>A sample or event stamped before 2000-01-01: a box clock that was never set.</summary>
    public const string TimeBefore2000 = "TimeBefore2000";

    /// <summary>A value no vehicle or receiver produces, e.g. a latitude beyond ±90°.</summary>
    public const string ImplausibleValue = "ImplausibleValue";

    /// <summary>The decoder failed in a way the contract does not describe (a bug, logged as an error).</summary>
    public const string DecoderFailure = "DecoderFailure";
}
