using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RydBox.Contract;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Ingest;

/// <summary>
/// From received MQTT messages to committed storage. Brokers <see cref="SubmitAsync"/> messages
/// into a bounded channel (a full channel makes them wait: back-pressure reaches the MQTT
/// connections) and then, still on their own thread, decode and validate them (a bad one becomes
/// a dead letter, never an exception), so that the brokers' many connections share that work
/// while the writer writes. One writer loop takes up to Ingest:MaxBatchMessages, waiting at most
/// Ingest:MaxBatchDelayMilliseconds after the first, validates any its submitter has not (yet),
/// commits the batch in one transaction and only then acknowledges the messages, in arrival
/// (queue) order. A failed commit is logged and retried with backoff; its messages are not
/// acknowledged until it succeeds, and are abandoned (never acknowledged, so the broker delivers
/// them again) if the gateway stops first.
/// </summary>
public sealed class IngestPipeline : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<PendingMessage> _channel;
    private readonly IngestOptions _options;
    private readonly MessageValidator _validator;
    private readonly IngestCommitter _committer;
    private readonly GatewayMetrics _metrics;
    private readonly IEnumerable<IIngestObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestPipeline> _logger;

    public IngestPipeline(
        IOptions<GatewayOptions> options,
        GatewayDatabase database,
        ITelemetryStore store,
        IDeviceDirectory directory,
        GatewayMetrics metrics,
        IEnumerable<IIngestObserver> observers,
        TimeProvider time,
        ILogger<IngestPipeline> logger)
    {
        _options = options.Value.Ingest;
        if (_options.MaxBatchMessages < 1 || _options.MaxBatchDelayMilliseconds < 0 || _options.MaxMessageBytes < 1 || _options.DeadLetterLimit < 0)
        {
            throw new InvalidOperationException(
                "RydBox:Ingest needs MaxBatchMessages ≥ 1, MaxBatchDelayMilliseconds ≥ 0, MaxMessageBytes ≥ 1 and DeadLetterLimit ≥ 0");
        }

        _validator = new MessageValidator(directory, _options);
        _committer = new IngestCommitter(database, store, _options, logger);
        _metrics = metrics;
        _observers = observers;
        _time = time;
        _logger = logger;

        // Room for a few batches: enough to fill the next one while this one commits.
        _channel = Channel.CreateBounded<PendingMessage>(new BoundedChannelOptions(Math.Max(64, _options.MaxBatchMessages * 4))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Queues a message, waiting while the queue is full, then decodes and validates it on the
    /// caller's thread (unless the writer loop got to it first). False when the pipeline has stopped
    /// taking messages (the caller must not acknowledge it).
    /// </summary>
    public async ValueTask<bool> SubmitAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var pending = new PendingMessage(message);
        try
        {
            // Queued first, validated after: the queue's order is the arrival order, and a message
            // waiting for room in a full queue holds only its bytes, not its decoded samples.
            await _channel.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return false;
        }

        try
        {
            pending.Validate(_validator, _time.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The device directory failed (the database): the writer loop validates it again and retries.
            _logger.LogDebug("Could not validate a message on {Topic} yet: {Error}", message.Topic, e.Message);
        }

        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Take no more; the loop commits what is queued, then ends.
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        ChannelReader<PendingMessage> reader = _channel.Reader;
        var batch = new List<PendingMessage>(_options.MaxBatchMessages);
        TimeSpan delay = TimeSpan.FromMilliseconds(_options.MaxBatchDelayMilliseconds);
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(stoppingToken))
                {
                    _committer.Dispose();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping: what is still queued gets one attempt each, batch by batch.
                while (reader.TryRead(out PendingMessage? left))
                {
                    batch.Add(left);
                    if (batch.Count == _options.MaxBatchMessages)
                    {
                        await ProcessSafelyAsync(batch, stoppingToken);
                    }
                }

                await ProcessSafelyAsync(batch, stoppingToken);
                _committer.Dispose();
                return;
            }

            long deadline = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            while (batch.Count < _options.MaxBatchMessages)
            {
                if (reader.TryRead(out PendingMessage? message))
                {
                    batch.Add(message);
                    continue;
                }

                TimeSpan left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
                if (left <= TimeSpan.Zero || !await MoreWithin(reader, left, stoppingToken))
                {
                    break;
                }
            }

            await ProcessSafelyAsync(batch, stoppingToken);
        }
    }

    /// <summary>Processes and empties the batch; whatever happens, the loop lives on.</summary>
    private async Task ProcessSafelyAsync(List<PendingMessage> batch, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(batch, stoppingToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing in ProcessAsync should throw. Not acknowledged: the messages come again.
            _logger.LogCritical(e, "Ingest failed on a batch of {Count} messages; they are not acknowledged", batch.Count);
            batch.ForEach(m => m.Message.Abandon());
        }

        batch.Clear();
    }

    private static async Task<bool> MoreWithin(ChannelReader<PendingMessage> reader, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ProcessAsync(List<PendingMessage> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        foreach (PendingMessage pending in batch)
        {
            _metrics.MessageReceived(pending.Kind);
        }

        if (!await CommitWithRetriesAsync(batch, stoppingToken))
        {
            foreach (PendingMessage pending in batch)
            {
                pending.Message.Abandon();
            }

            return;
        }

        // Acknowledge only now, in arrival order: everything above is durable.
        foreach (PendingMessage pending in batch)
        {
            try
            {
                await pending.Message.AcknowledgeAsync(pending.Outcome, CancellationToken.None);
            }
            catch (Exception e)
            {
                // The connection it came on is gone: the broker delivers it again, and the ledger
                // recognises it then.
                _logger.LogDebug("Could not acknowledge a message on {Topic}: {Error}", pending.Message.Topic, e.Message);
            }
        }

        Count(batch);
        await NotifyAsync(batch, stoppingToken);
    }

    /// <summary>
    /// Validates what is not yet (once it succeeds: the directory lives in the database too) and
    /// commits, retrying with backoff; false when the gateway stopped first.
    /// </summary>
    private async Task<bool> CommitWithRetriesAsync(List<PendingMessage> batch, CancellationToken stoppingToken)
    {
        TimeSpan retryDelay = FirstRetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            long started = _time.GetTimestamp();
            try
            {
                Validate(batch);
                await _committer.CommitAsync(batch, stoppingToken);
                _metrics.BatchCommitted(batch.Count, _time.GetElapsedTime(started));
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _metrics.CommitFailed();
                if (stoppingToken.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Stopping with {Count} messages uncommitted (attempt {Attempt}); they are not acknowledged, so the broker delivers them again", batch.Count, attempt);
                    return false;
                }

                _logger.LogError(e, "Commit of {Count} messages failed (attempt {Attempt}); retrying in {Delay} ms, nothing is acknowledged until it succeeds", batch.Count, attempt, retryDelay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(retryDelay, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    private void Validate(List<PendingMessage> batch)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (PendingMessage pending in batch)
        {
            pending.Validate(_validator, now);
        }
    }

    private void Count(List<PendingMessage> batch)
    {
        foreach (PendingMessage pending in batch)
        {
            switch (pending.Outcome)
            {
                case IngestOutcome.Stored:
                    _metrics.MessageCommitted(pending.Kind);
                    break;
                case IngestOutcome.Duplicate:
                    _metrics.DuplicateIgnored();
                    break;
                default:
                    var letter = (DeadLetterVerdict)pending.Verdict;
                    _metrics.DeadLettered(letter.Reason);
                    _logger.LogWarning(
                        "Dead letter from {Device} on {Topic}: {Reason}, {Bytes} bytes",
                        letter.DeviceId ?? "an unknown sender",
                        pending.Message.Topic,
                        letter.Reason,
                        pending.Message.Payload.Length);
                    break;
            }
        }
    }

    private async Task NotifyAsync(List<PendingMessage> batch, CancellationToken stoppingToken)
    {
        if (!_observers.Any())
        {
            return;
        }

        var committed = new List<CommittedMessage>(batch.Count);
        foreach (PendingMessage pending in batch)
        {
            if (pending.Outcome != IngestOutcome.Stored)
            {
                continue;
            }

            DateTimeOffset at = pending.Message.ReceivedAt;
            committed.Add(pending.Verdict switch
            {
                TelemetryVerdict t => new CommittedMessage(t.Device.DeviceId, t.Device.TenantId, TopicKind.Telemetry, at, Telemetry: t.Message),
                EventVerdict e => new CommittedMessage(e.Device.DeviceId, e.Device.TenantId, TopicKind.Event, at, Event: e.Message),
                StatusVerdict s => new CommittedMessage(s.Device.DeviceId, s.Device.TenantId, TopicKind.Status, at, Status: s.Message, StatusTime: DateTimeOffset.FromUnixTimeMilliseconds(s.TimeMs)),
                CommandAckVerdict a => new CommittedMessage(a.Device.DeviceId, a.Device.TenantId, TopicKind.CommandAck, at, CommandAck: a.Ack),
                _ => throw new UnreachableException(),
            });
        }

        foreach (IIngestObserver observer in _observers)
        {
            try
            {
                await observer.OnCommittedAsync(committed, stoppingToken);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "{Observer} failed on {Count} committed messages", observer.GetType().Name, committed.Count);
            }
        }
    }

    /// <summary>The kind as a metric tag: the topic's last level(s), or "invalid".</summary>
    internal static string KindOf(string topic) =>
        WireTopics.TryParse(topic, out DeviceTopic? parsed, out _)
            ? parsed!.Kind switch
            {
                TopicKind.Telemetry => "telemetry",
                TopicKind.Event => "event",
                TopicKind.Status => "status",
                TopicKind.CommandAck => "cmd_ack",
                _ => "cmd",
            }
            : "invalid";
}
