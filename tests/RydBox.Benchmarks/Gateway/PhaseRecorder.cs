using System.Diagnostics;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Fleet;

namespace RydBox.Benchmarks.Gateway;

/// <summary>PUBACKs and failures of one phase, by the window they arrived in (none during the warm-up or after the last window).</summary>
internal sealed class PhaseRecorder(long firstWindowStart, long windowTicks, int windows) : IPublishRecorder
{
    private readonly LatencyHistogram[] _latencies = Enumerable.Range(0, windows).Select(_ => new LatencyHistogram()).ToArray();
    private readonly long[] _failures = new long[windows];
    private long _acknowledged;
    private long _failed;
    private int _lost;
    private string? _firstError;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    public int Lost => Volatile.Read(ref _lost);

    public string? FirstError => Volatile.Read(ref _firstError);

    public void Acknowledge(long at, long latencyTicks)
    {
        Interlocked.Increment(ref _acknowledged);
        if (WindowOf(at) is int w)
        {
            _latencies[w].Record(latencyTicks * 1_000_000 / Stopwatch.Frequency);
        }
    }

    public void Failure(long at, string error)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstError, error, null);
        if (WindowOf(at) is int w)
        {
            Interlocked.Increment(ref _failures[w]);
        }
    }

    public void ConnectionLost() => Interlocked.Increment(ref _lost);

    void IPublishRecorder.Acknowledged(long timestamp, long latencyTicks) => Acknowledge(timestamp, latencyTicks);

    void IPublishRecorder.Failed(long timestamp, string topic) => Failure(timestamp, $"no PUBACK on {topic}");

    public WindowReport[] Windows() =>
        _latencies.Select((h, w) => new WindowReport(
                h.Count, Interlocked.Read(ref _failures[w]), h.PercentileMilliseconds(0.50), h.PercentileMilliseconds(0.90), h.PercentileMilliseconds(0.99), h.MaxMilliseconds))
            .ToArray();

    private int? WindowOf(long at)
    {
        if (at < firstWindowStart)
        {
            return null;
        }

        long w = (at - firstWindowStart) / windowTicks;
        return w < windows ? (int)w : null;
    }
}
