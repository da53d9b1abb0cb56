using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Time;

/// <summary>
/// Simulated time running <see cref="Speed"/> times faster than real time, from a calendar start
/// the scenario chooses. A box, its vehicle, its GNSS and its ECUs share one clock, so they agree
/// on "now" however fast it runs; monotonic and calendar time move together, as on a box with a
/// synchronised clock. The speed may change on the way (fast while a vehicle stands parked,
/// slower while it drives), even at a set simulated moment; time stays continuous.
/// </summary>
public sealed class SimulationClock : IClock, IWallClock
{
    private readonly object _gate = new();
    private Anchor _anchor;

    /// <param name="startUnixMilliseconds">The calendar time at simulation time zero.</param>
    /// <param name="speed">Simulated milliseconds per real millisecond; 1 is real time.</param>
    public SimulationClock(long startUnixMilliseconds, double speed)
    {
        RequireSpeed(speed);
        StartUnixMilliseconds = startUnixMilliseconds;
        _anchor = new Anchor(Stopwatch.GetTimestamp(), 0, speed, double.PositiveInfinity, speed);
    }

    public long StartUnixMilliseconds { get; }

    /// <summary>
    /// Waits on this clock (a CAN controller's receive timeout, an adapter's protocol search) move
    /// simulated time past them at once instead of sleeping: for a box's own clock, whose sampling
    /// runs as a step on a thread shared with many other boxes that a real sleep would hold up.
    /// The box still sees the wait's simulated time pass; nothing else shares its clock.
    /// </summary>
    public bool SkipsWaits { get; init; }

    /// <summary>Simulated milliseconds per real millisecond now; setting it keeps that speed until changed.</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _anchor.SpeedAt(_anchor.At(Stopwatch.GetTimestamp()));
            }
        }

        set
        {
            RequireSpeed(value);
            lock (_gate)
            {
                long now = Stopwatch.GetTimestamp();
                _anchor = new Anchor(now, _anchor.At(now), value, double.PositiveInfinity, value);
            }
        }
    }

    /// <summary>Simulation time: milliseconds since the simulation started.</summary>
    /// <remarks>
    /// Read under the same gate as a speed change: a reader paused between taking the old anchor and
    /// the real time would run ahead at the old speed, and after a slow-down the next reading would
    /// fall back behind it. A box's uplink reads its clock while its sampling step changes the speed.
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

    /// <summary>
    /// Runs at <paramref name="speed"/> until simulation time <paramref name="untilMilliseconds"/>, then at
    /// <paramref name="afterwards"/>: a quiet stretch passes quickly and the clock slows down by itself
    /// at its end, whether or not anyone is looking at that moment.
    /// </summary>
    public void RunFast(double speed, long untilMilliseconds, double afterwards)
    {
        RequireSpeed(speed);
        RequireSpeed(afterwards);
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            double simulated = _anchor.At(now);
            _anchor = simulated < untilMilliseconds
                ? new Anchor(now, simulated, speed, untilMilliseconds, afterwards)
                : new Anchor(now, simulated, afterwards, double.PositiveInfinity, afterwards);
        }
    }

    /// <summary>
    /// Waits until simulation time <paramref name="untilMilliseconds"/>: at once when
    /// <see cref="SkipsWaits"/> (returning true), otherwise not at all (returning false: the caller sleeps).
    /// </summary>
    public bool TrySkipTo(long untilMilliseconds)
    {
        if (!SkipsWaits)
        {
            return false;
        }

        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            double simulated = _anchor.At(now);
            if (simulated < untilMilliseconds)
            {
                _anchor = untilMilliseconds < _anchor.Until
                    ? _anchor with { Timestamp = now, SimulatedMilliseconds = untilMilliseconds }
                    : new Anchor(now, untilMilliseconds, _anchor.After, double.PositiveInfinity, _anchor.After);
            }
        }

        return true;
    }

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = StartUnixMilliseconds + NowMilliseconds;
        return true;
    }

    /// <summary>The real time until <paramref name="simulatedMilliseconds"/> from now have passed, speed changes included (at least 1 ms when positive).</summary>
    public TimeSpan RealDuration(long simulatedMilliseconds)
    {
        if (simulatedMilliseconds <= 0)
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            double real = _anchor.RealMilliseconds(_anchor.At(Stopwatch.GetTimestamp()), simulatedMilliseconds);
            return TimeSpan.FromMilliseconds(Math.Max(1, real));
        }
    }

    private static void RequireSpeed(double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "the speed must be a positive, finite factor");
        }
    }

    /// <summary>
    /// Where simulated time stood at a real instant, how fast it runs from there, and from which
    /// simulated moment (<see cref="Until"/>) it runs at <see cref="After"/> instead.
    /// </summary>
    private sealed record Anchor(long Timestamp, double SimulatedMilliseconds, double Speed, double Until, double After)
    {
        public double At(long timestamp)
        {
            double elapsed = Stopwatch.GetElapsedTime(Timestamp, timestamp).TotalMilliseconds;
            double simulated = SimulatedMilliseconds + (elapsed * Speed);
            return simulated <= Until ? simulated : Until + ((elapsed - ((Until - SimulatedMilliseconds) / Speed)) * After);
        }

        public double SpeedAt(double simulated) => simulated < Until ? Speed : After;

        /// <summary>Real milliseconds that <paramref name="duration"/> of simulated time from <paramref name="from"/> take, across the change of speed.</summary>
        public double RealMilliseconds(double from, double duration)
        {
            double to = from + duration;
            if (to <= Until)
            {
                return duration / Speed;
            }

            return from >= Until ? duration / After : ((Until - from) / Speed) + ((to - Until) / After);
        }
    }
}
