using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Time;

/// <summary>
/// Simulated time running <see cref="Speed"/> times faster than real time, from a calendar start
/// the scenario chooses. A box, its vehicle, its GNSS and its ECUs share one clock, so they agree
/// on "now" however fast it runs; monotonic and calendar time move together, as on a box with a
/// synchronised clock. The speed may change on the way (fast while a vehicle stands parked,
/// slower while it drives); time stays continuous.
/// </summary>
public sealed class SimulationClock : IClock, IWallClock
{
    private readonly object _gate = new();
    private Anchor _anchor;

    /// <param name="startUnixMilliseconds">The calendar time at simulation time zero.</param>
    /// <param name="speed">Simulated milliseconds per real millisecond; 1 is real time.</param>
    public SimulationClock(long startUnixMilliseconds, double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "the speed must be a positive, finite factor");
        }

        StartUnixMilliseconds = startUnixMilliseconds;
        _anchor = new Anchor(Stopwatch.GetTimestamp(), 0, speed);
    }

    public long StartUnixMilliseconds { get; }

    /// <summary>Simulated milliseconds per real millisecond from now on.</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _anchor.Speed;
            }
        }

        set
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "the speed must be a positive, finite factor");
            }

            lock (_gate)
            {
                if (_anchor.Speed != value)
                {
                    long now = Stopwatch.GetTimestamp();
                    _anchor = new Anchor(now, _anchor.At(now), value);
                }
            }
        }
    }

    /// <summary>Simulation time: milliseconds since the simulation started.</summary>
    /// <remarks>
    /// Read under the same gate as a speed change. Without it, a reader paused between taking the
    /// old anchor and the real time runs ahead at the old speed, and after a slow-down the next
    /// reading falls back behind it (by the pause times the old speed: seconds when a parked box
    /// at 3 600x is preempted for a millisecond). A box's uplink reads its clock while its sampling
    /// step changes the speed.
    /// </remarks>
    public long NowMilliseconds
    {
        get
        {
            lock (_gate)
            {
                return (long)_anchor.At(Stopwatch.GetTimestamp());
            }
        }
    }

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = StartUnixMilliseconds + NowMilliseconds;
        return true;
    }

    /// <summary>The real time that <paramref name="simulatedMilliseconds"/> take at this speed (at least 1 ms when positive).</summary>
    public TimeSpan RealDuration(long simulatedMilliseconds) =>
        simulatedMilliseconds <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(1, simulatedMilliseconds / Speed));

    /// <summary>Where simulated time stood at a real instant, and how fast it runs from there.</summary>
    private sealed record Anchor(long Timestamp, double SimulatedMilliseconds, double Speed)
    {
        public double At(long timestamp) => SimulatedMilliseconds + (Stopwatch.GetElapsedTime(Timestamp, timestamp).TotalMilliseconds * Speed);
    }
}
