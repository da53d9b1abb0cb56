using System.Diagnostics;
using System.Globalization;

namespace RydBox.Simulator.Fleet;

/// <summary>
/// One line of a running fleet: messages the broker acknowledged per second since the last line
/// and how long their PUBACKs took (for a RydBox gateway's embedded broker that is until the
/// message was committed), and what the simulator itself costs (CPU seconds per second, working
/// set per box), so that a slow simulator is never mistaken for a slow gateway.
/// </summary>
public sealed class FleetReport(TextWriter output, PublishLatency latency)
{
    private readonly Process _self = Process.GetCurrentProcess();
    private long _lastDelivered;
    private TimeSpan _lastCpu;
    private long _lastTimestamp = Stopwatch.GetTimestamp();

    public void Write(FleetProgress progress)
    {
        _self.Refresh();
        long now = Stopwatch.GetTimestamp();
        double seconds = Math.Max(1e-3, Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds);
        TimeSpan cpu = _self.TotalProcessorTime;
        LatencyHistogram interval = latency.TakeInterval();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{progress.Vehicles} boxes, scenarios done {progress.ScenariosFinished}: delivered {(progress.MessagesDelivered - _lastDelivered) / seconds:N0} msg/s " +
            $"({progress.MessagesDelivered:N0} in all, {progress.MessagesWaiting:N0} waiting, {latency.Failures:N0} failed), samples {progress.SamplesQueued:N0}; " +
            $"PUBACK p50 {interval.PercentileMilliseconds(0.5):0.0} ms, p99 {interval.PercentileMilliseconds(0.99):0.0} ms; " +
            $"simulator CPU {(cpu - _lastCpu).TotalSeconds / seconds:0.00} s/s, {_self.WorkingSet64 / 1024.0 / Math.Max(1, progress.Vehicles):N1} KB a box"));
        _lastDelivered = progress.MessagesDelivered;
        _lastCpu = cpu;
        _lastTimestamp = now;
    }
}
