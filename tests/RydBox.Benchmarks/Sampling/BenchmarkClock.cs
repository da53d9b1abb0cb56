using RydBox.Firmware.Hardware;

namespace RydBox.Benchmarks.Sampling;

/// <summary>Virtual monotonic time the benchmark moves on by what the sampler asks to wait, and a wall clock running with it.</summary>
public sealed class BenchmarkClock : IClock, IWallClock
{
    private const long UnixAtStart = 1_700_000_000_000;

    public long NowMilliseconds { get; private set; }

    public void Advance(long milliseconds) => NowMilliseconds += milliseconds;

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = UnixAtStart + NowMilliseconds;
        return true;
    }
}
