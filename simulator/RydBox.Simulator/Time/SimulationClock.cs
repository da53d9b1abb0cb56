using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Time;

/// <summary>
/// Simulated time running <see cref="Speed"/> times faster than real time, from a calendar start
/// the scenario chooses. A box, its vehicle, its GNSS and its ECUs share one clock, so they agree
/// on "now" however fast it runs; monotonic and calendar time move together, as on a box with a
/// synchronised clock.
/// </summary>
public sealed class SimulationClock : IClock, IWallClock
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _skippedMilliseconds;

    /// <param name="startUnixMilliseconds">The calendar time at simulation time zero.</param>
    /// <param name="speed">Simulated milliseconds per real millisecond; 1 is real time.</param>
    public SimulationClock(long startUnixMilliseconds, double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "the speed must be a positive, finite factor");
        }

        StartUnixMilliseconds = startUnixMilliseconds;
        Speed = speed;
    }

    public long StartUnixMilliseconds { get; }

    public double Speed { get; }

    /// <summary>Simulation time: milliseconds since the simulation started.</summary>
    public long NowMilliseconds => (long)(Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds * Speed) + Interlocked.Read(ref _skippedMilliseconds);

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = StartUnixMilliseconds + NowMilliseconds;
        return true;
    }

    /// <summary>Moves time forward at once, for stretches where nothing of interest happens (a night parked).</summary>
    public void Skip(long milliseconds) => Interlocked.Add(ref _skippedMilliseconds, Math.Max(0, milliseconds));

    /// <summary>The real time that <paramref name="simulatedMilliseconds"/> take at this speed (at least 1 ms when positive).</summary>
    public TimeSpan RealDuration(long simulatedMilliseconds) =>
        simulatedMilliseconds <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(1, simulatedMilliseconds / Speed));
}
