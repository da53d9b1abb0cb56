using System.Diagnostics;
using RydBox.Simulator.Boxes;

namespace RydBox.Simulator.Fleet;

/// <summary>A fleet's publish-to-PUBACK latencies and failures, taken interval by interval for the progress lines.</summary>
public sealed class PublishLatency : IPublishRecorder
{
    private LatencyHistogram _current = new();
    private long _failed;

    /// <summary>Publishes that failed since the fleet started.</summary>
    public long Failures => Interlocked.Read(ref _failed);

    public void Acknowledged(long timestamp, long latencyTicks) =>
        Volatile.Read(ref _current).Record(latencyTicks * 1_000_000 / Stopwatch.Frequency);

    public void Failed(long timestamp, string topic) => Interlocked.Increment(ref _failed);

    /// <summary>The latencies recorded since the last call, and a fresh histogram for the next interval.</summary>
    public LatencyHistogram TakeInterval() => Interlocked.Exchange(ref _current, new LatencyHistogram());
}
