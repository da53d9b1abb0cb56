using System.Diagnostics;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Tests.Time;

/// <summary>
/// The simulation clock runs at its speed, stays continuous and monotonic through speed changes,
/// and converts simulated waits into real ones. Timing is bounded by stopwatches taken around the
/// clock's own readings (the same time source), never by expectations of how fast the machine is.
/// </summary>
public sealed class SimulationClockTests
{
    private const long Start = 1_700_000_000_000;

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(3_600)]
    public void Runs_its_speed_times_faster_than_real_time(double speed)
    {
        var clock = new SimulationClock(Start, speed);
        var outer = Stopwatch.StartNew();
        long first = clock.NowMilliseconds;
        var inner = Stopwatch.StartNew();
        Thread.Sleep(30);
        inner.Stop();
        long second = clock.NowMilliseconds;
        outer.Stop();

        long simulated = second - first;
        simulated.Should().BeGreaterThanOrEqualTo((long)(inner.Elapsed.TotalMilliseconds * speed) - Rounding(speed));
        simulated.Should().BeLessThanOrEqualTo((long)(outer.Elapsed.TotalMilliseconds * speed) + Rounding(speed));
    }

    [Fact]
    public void Starts_at_zero_and_tells_the_calendar_time_from_its_start()
    {
        var outer = Stopwatch.StartNew();
        var clock = new SimulationClock(Start, 1_000);
        long before = clock.NowMilliseconds;
        clock.TryGetUnixMilliseconds(out long unix).Should().BeTrue();
        long after = clock.NowMilliseconds;
        outer.Stop();

        before.Should().BeInRange(0, (long)(outer.Elapsed.TotalMilliseconds * 1_000) + 1);
        clock.StartUnixMilliseconds.Should().Be(Start);
        unix.Should().BeInRange(Start + before, Start + after);
    }

    [Fact]
    public void A_speed_change_keeps_time_continuous_and_takes_effect_at_once()
    {
        var clock = new SimulationClock(Start, 100_000);
        Thread.Sleep(5);
        var outer = Stopwatch.StartNew();
        long beforeChange = clock.NowMilliseconds;
        clock.Speed = 1;
        long afterChange = clock.NowMilliseconds;
        outer.Stop();

        afterChange.Should().BeGreaterThanOrEqualTo(beforeChange, "time never runs back");
        (afterChange - beforeChange).Should().BeLessThanOrEqualTo((long)(outer.Elapsed.TotalMilliseconds * 100_000) + Rounding(100_000), "time does not jump either");
        clock.Speed.Should().Be(1);

        var slow = Stopwatch.StartNew();
        long slowFrom = clock.NowMilliseconds;
        Thread.Sleep(20);
        long slowTo = clock.NowMilliseconds;
        slow.Stop();
        (slowTo - slowFrom).Should().BeLessThanOrEqualTo((long)slow.Elapsed.TotalMilliseconds + Rounding(1), "it now runs at real time");
    }

    [Fact]
    public void Time_never_runs_back_while_another_thread_keeps_changing_the_speed()
    {
        // A reader that takes the fast anchor just before a slow-down must not see later readings fall behind it.
        var clock = new SimulationClock(Start, 1);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var toggler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                clock.Speed = 1e7;
                clock.Speed = 1e-3;
            }
        });
        toggler.Start();

        long previous = 0;
        long backwards = 0;
        long worst = 0;
        while (!stop.IsCancellationRequested)
        {
            long now = clock.NowMilliseconds;
            if (now < previous)
            {
                backwards++;
                worst = Math.Max(worst, previous - now);
            }

            previous = Math.Max(previous, now);
        }

        toggler.Join();
        backwards.Should().Be(0, $"readings fell back by up to {worst} ms");
    }

    [Fact]
    public void Real_duration_divides_by_the_current_speed()
    {
        var clock = new SimulationClock(Start, 1_000);

        clock.RealDuration(60_000).Should().Be(TimeSpan.FromMilliseconds(60));
        clock.RealDuration(1).Should().Be(TimeSpan.FromMilliseconds(1), "a positive wait is at least a millisecond, so no box spins");
        clock.RealDuration(0).Should().Be(TimeSpan.Zero);
        clock.RealDuration(-5).Should().Be(TimeSpan.Zero);

        clock.Speed = 10;
        clock.RealDuration(60_000).Should().Be(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void A_box_clock_skips_a_wait_at_once_and_keeps_its_schedule_of_speeds()
    {
        var clock = new SimulationClock(Start, 1) { SkipsWaits = true };
        clock.RunFast(100, 3_600_000, 1);
        var real = System.Diagnostics.Stopwatch.StartNew();

        clock.TrySkipTo(60_000).Should().BeTrue();
        real.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a skipped minute at 100x would take 600 ms; it must not be slept");
        clock.NowMilliseconds.Should().BeGreaterThanOrEqualTo(60_000);
        clock.Speed.Should().Be(100, "the fast stretch lasts until its own end");

        clock.TrySkipTo(7_200_000).Should().BeTrue();
        clock.NowMilliseconds.Should().BeGreaterThanOrEqualTo(7_200_000);
        clock.Speed.Should().Be(1, "the wait ended past the fast stretch, where the clock runs at its speed afterwards");

        long now = clock.NowMilliseconds;
        clock.TrySkipTo(1_000).Should().BeTrue();
        clock.NowMilliseconds.Should().BeGreaterThanOrEqualTo(now, "a wait that is over already does not move time back");
    }

    [Fact]
    public void A_shared_clock_does_not_skip_waits()
    {
        var clock = new SimulationClock(Start, 1);

        clock.TrySkipTo(60_000).Should().BeFalse("whoever waits must sleep");
        clock.NowMilliseconds.Should().BeLessThan(60_000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_a_speed_that_is_not_a_positive_finite_factor(double speed)
    {
        Action create = () => _ = new SimulationClock(Start, speed);
        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("speed");

        var clock = new SimulationClock(Start, 5);
        Action change = () => clock.Speed = speed;
        change.Should().Throw<ArgumentOutOfRangeException>();
        clock.Speed.Should().Be(5, "a refused speed changes nothing");
    }

    [Fact]
    public void A_constant_pace_runs_parked_as_fast_as_active()
    {
        SimulationPace.Constant(42).Should().Be(new SimulationPace(42, 42));
    }

    /// <summary>Whole milliseconds on the clock, and real time counted in 100 ns ticks, times the speed.</summary>
    private static long Rounding(double speed) => 2 + (long)(speed / 1_000);
}
