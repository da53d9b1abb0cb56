using System.Diagnostics;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// One phase of a generator: a warm-up, then --windows windows of equal length, each boundary
/// announced to the orchestrator as a tick (it reads the processes' CPU there), and the PUBACKs
/// recorded by the window they arrived in.
/// </summary>
internal sealed class PhaseTimeline
{
    private readonly string _phase;
    private readonly long _window;
    private readonly Task _ticks;

    public PhaseTimeline(LoadOptions options, string phase)
    {
        _phase = phase;
        long frequency = Stopwatch.Frequency;
        Start = Stopwatch.GetTimestamp();
        long warmupEnd = Start + (long)(options.WarmupSeconds * frequency);
        _window = (long)(options.Seconds / options.Windows * frequency);
        End = warmupEnd + (options.Windows * _window);
        Recorder = new PhaseRecorder(warmupEnd, _window, options.Windows);
        _ticks = Task.Run(async () =>
        {
            for (int k = 0; k <= options.Windows; k++)
            {
                await DelayUntil(warmupEnd + (k * _window));
                LoadProtocol.Emit("tick", new TickReport(phase, k));
            }
        });
    }

    public long Start { get; }

    public long End { get; }

    public PhaseRecorder Recorder { get; }

    /// <summary>Waits for the last tick and reports the phase.</summary>
    /// <param name="samplesPerMessage">The generator's own figure where batches vary in size; null: --samples-per-batch.</param>
    public async Task<PhaseReport> FinishAsync(double? samplesPerMessage)
    {
        await _ticks;
        return new PhaseReport(
            _phase,
            _window / (double)Stopwatch.Frequency,
            Recorder.Windows(),
            Recorder.Acknowledged,
            Recorder.Failed,
            Recorder.Lost,
            Recorder.FirstError,
            samplesPerMessage);
    }

    public static async Task DelayUntil(long timestamp)
    {
        long left = timestamp - Stopwatch.GetTimestamp();
        if (left > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency));
        }
    }
}
