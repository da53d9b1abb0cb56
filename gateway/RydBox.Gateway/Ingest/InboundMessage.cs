namespace RydBox.Gateway.Ingest;

/// <summary>What became of a message the pipeline committed.</summary>
public enum IngestOutcome
{
    /// <summary>Stored for the first time (telemetry, event, status or command acknowledgement).</summary>
    Stored,

    /// <summary>A (device, sequence) already stored: a QoS 1 redelivery or an outbox replay; not stored again.</summary>
    Duplicate,

    /// <summary>Refused; recorded in dead_letters with its reason and raw bytes.</summary>
    DeadLettered,
}

/// <summary>
/// One MQTT message on its way through the ingest pipeline, with how to acknowledge it. The
/// pipeline calls <see cref="AcknowledgeAsync"/> only after the transaction holding the message
/// (or its dead letter, or the ledger row proving it a duplicate) committed, in arrival order;
/// it calls <see cref="Abandon"/> instead when it stops before it could commit, so the broker
/// delivers the message again.
/// </summary>
public sealed class InboundMessage
{
    private readonly Func<IngestOutcome, CancellationToken, Task> _acknowledge;
    private readonly Action? _abandon;

    /// <param name="topic">The MQTT topic as received.</param>
    /// <param name="payload">The payload bytes; the pipeline keeps a reference, so pass a copy the caller does not reuse.</param>
    /// <param name="receivedAt">When the gateway received it (stamps the last will and the ledger).</param>
    /// <param name="senderDeviceId">
    /// The authenticated device that published it (embedded broker), or null when the sender is
    /// known only from the topic (external broker, whose ACL vouches for it).
    /// </param>
    public InboundMessage(
        string topic,
        ReadOnlyMemory<byte> payload,
        DateTimeOffset receivedAt,
        string? senderDeviceId,
        Func<IngestOutcome, CancellationToken, Task> acknowledge,
        Action? abandon = null)
    {
        Topic = topic;
        Payload = payload;
        ReceivedAt = receivedAt;
        SenderDeviceId = senderDeviceId;
        _acknowledge = acknowledge;
        _abandon = abandon;
    }

    public string Topic { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string? SenderDeviceId { get; }

    /// <summary>
    /// A message whose acknowledgement completes <paramref name="committed"/> with the outcome; an
    /// abandoned message cancels it. For callers that wait for the commit (the embedded broker).
    /// </summary>
    public static InboundMessage Awaitable(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, string? senderDeviceId, out Task<IngestOutcome> committed)
    {
        var completion = new TaskCompletionSource<IngestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        committed = completion.Task;
        return new InboundMessage(
            topic,
            payload,
            receivedAt,
            senderDeviceId,
            (outcome, _) =>
            {
                completion.TrySetResult(outcome);
                return Task.CompletedTask;
            },
            () => completion.TrySetCanceled());
    }

    internal Task AcknowledgeAsync(IngestOutcome outcome, CancellationToken cancellationToken) => _acknowledge(outcome, cancellationToken);

    internal void Abandon() => _abandon?.Invoke();
}
