using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RydBox.Gateway.Ingest;

/// <summary>
/// The gateway's counters, published on the Meter "RydBox.Gateway" (System.Diagnostics.Metrics, so
/// any exporter or <c>dotnet-counters monitor -n rydbox-gateway --counters RydBox.Gateway</c> reads
/// them) and kept as running totals for the API and tests. One instance per host: the meter comes
/// from the host's <see cref="IMeterFactory"/>, so two gateways in one process count apart.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "RydBox.Gateway";

    private readonly Counter<long> _received;
    private readonly Counter<long> _committed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _commitFailures;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _refusedConnections;
    private readonly Counter<long> _refusedPublishes;
    private readonly Counter<long> _refusedSubscriptions;
    private readonly ConcurrentDictionary<string, long> _deadLettersByReason = new();
    private readonly ConcurrentDictionary<string, long> _refusedConnectionsByReason = new();
    private long _receivedTotal;
    private long _committedTotal;
    private long _duplicatesTotal;
    private long _commitFailuresTotal;
    private long _refusedPublishesTotal;
    private long _refusedSubscriptionsTotal;
    private int _connectedDevices;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _received = Meter.CreateCounter<long>("rydbox.ingest.received", "{message}", "MQTT messages handed to the ingest pipeline, by topic kind");
        _committed = Meter.CreateCounter<long>("rydbox.ingest.committed", "{message}", "Messages stored for the first time, by topic kind");
        _duplicates = Meter.CreateCounter<long>("rydbox.ingest.duplicates", "{message}", "Redeliveries of a (device, sequence) already stored: acknowledged, not stored again");
        _deadLetters = Meter.CreateCounter<long>("rydbox.ingest.dead_letters", "{message}", "Messages refused into dead_letters, by reason");
        _commitFailures = Meter.CreateCounter<long>("rydbox.ingest.commit_failures", "{batch}", "Commits that failed and were retried; their messages were not acknowledged");
        _commitDuration = Meter.CreateHistogram<double>("rydbox.ingest.commit.duration", "ms", "Time to commit one batch (store writes and the SQLite transaction)");
        _batchSize = Meter.CreateHistogram<int>("rydbox.ingest.batch.size", "{message}", "Messages committed in one transaction");
        _refusedConnections = Meter.CreateCounter<long>("rydbox.broker.connections.refused", "{connection}", "Embedded broker: connections refused, by reason");
        _refusedPublishes = Meter.CreateCounter<long>("rydbox.broker.publishes.refused", "{message}", "Embedded broker: publishes refused by the topic ACL");
        _refusedSubscriptions = Meter.CreateCounter<long>("rydbox.broker.subscriptions.refused", "{subscription}", "Embedded broker: subscriptions refused by the topic ACL");
        Meter.CreateObservableUpDownCounter("rydbox.broker.connected_devices", () => Volatile.Read(ref _connectedDevices), "{device}", "Embedded broker: devices connected now");
    }

    public Meter Meter { get; }

    public long Received => Interlocked.Read(ref _receivedTotal);

    public long Committed => Interlocked.Read(ref _committedTotal);

    public long Duplicates => Interlocked.Read(ref _duplicatesTotal);

    public long CommitFailures => Interlocked.Read(ref _commitFailuresTotal);

    public long DeadLetters => _deadLettersByReason.Values.Sum();

    /// <summary>Dead letters so far by reason (<see cref="DeadLetterReasons"/>).</summary>
    public IReadOnlyDictionary<string, long> DeadLettersByReason => new Dictionary<string, long>(_deadLettersByReason);

    public long RefusedConnections => _refusedConnectionsByReason.Values.Sum();

    /// <summary>Refused connections so far by reason ("bad_credentials", "client_id_mismatch", …).</summary>
    public IReadOnlyDictionary<string, long> RefusedConnectionsByReason => new Dictionary<string, long>(_refusedConnectionsByReason);

    public long RefusedPublishes => Interlocked.Read(ref _refusedPublishesTotal);

    public long RefusedSubscriptions => Interlocked.Read(ref _refusedSubscriptionsTotal);

    public int ConnectedDevices => Volatile.Read(ref _connectedDevices);

    internal void MessageReceived(string kind)
    {
        Interlocked.Increment(ref _receivedTotal);
        _received.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    internal void MessageCommitted(string kind)
    {
        Interlocked.Increment(ref _committedTotal);
        _committed.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    internal void DuplicateIgnored()
    {
        Interlocked.Increment(ref _duplicatesTotal);
        _duplicates.Add(1);
    }

    internal void DeadLettered(string reason)
    {
        _deadLettersByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    internal void CommitFailed()
    {
        Interlocked.Increment(ref _commitFailuresTotal);
        _commitFailures.Add(1);
    }

    internal void BatchCommitted(int messages, TimeSpan duration)
    {
        _batchSize.Record(messages);
        _commitDuration.Record(duration.TotalMilliseconds);
    }

    internal void ConnectionRefused(string reason)
    {
        _refusedConnectionsByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _refusedConnections.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    internal void PublishRefused()
    {
        Interlocked.Increment(ref _refusedPublishesTotal);
        _refusedPublishes.Add(1);
    }

    internal void SubscriptionRefused()
    {
        Interlocked.Increment(ref _refusedSubscriptionsTotal);
        _refusedSubscriptions.Add(1);
    }

    internal void DeviceConnected() => Interlocked.Increment(ref _connectedDevices);

    internal void DeviceDisconnected() => Interlocked.Decrement(ref _connectedDevices);
}
