using System.Collections.Concurrent;
using System.Diagnostics;
using RydBox.Simulator.Boxes;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>Many steps on few threads: rescheduled by their returned delay, dropped when done or failing, stopped by Dispose.</summary>
public sealed class StepSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Runs_many_steps_on_its_few_threads_until_each_is_done()
    {
        const int Steps = 300;
        const int Runs = 5;
        var counts = new int[Steps];
        var threads = new ConcurrentDictionary<Thread, bool>();
        using var finished = new CountdownEvent(Steps);
        using (var scheduler = new StepScheduler(2))
        {
            for (int i = 0; i < Steps; i++)
            {
                int index = i;
                scheduler.Add(() =>
                {
                    threads.TryAdd(Thread.CurrentThread, true);
                    if (Interlocked.Increment(ref counts[index]) < Runs)
                    {
                        return TimeSpan.FromMilliseconds(1);
                    }

                    finished.Signal();
                    return null;
                });
            }

            finished.Wait(Patience).Should().BeTrue("every step should reach its last run");
            Thread.Sleep(50);
        }

        counts.Should().AllSatisfy(c => c.Should().Be(Runs, "a step that returned null is not run again"));
        threads.Keys.Should().HaveCount(2, "the steps are shared out over both threads and no others");
        threads.Keys.Should().AllSatisfy(t => t.Name.Should().StartWith("sampling-"));
    }

    [Fact]
    public void Reschedules_a_step_after_the_delay_it_returns_and_never_before()
    {
        var runs = new ConcurrentQueue<long>();
        var fast = 0;
        using var scheduler = new StepScheduler(1);
        scheduler.Add(() =>
        {
            runs.Enqueue(Stopwatch.GetTimestamp());
            return runs.Count < 4 ? TimeSpan.FromMilliseconds(100) : null;
        });
        scheduler.Add(() =>
        {
            Interlocked.Increment(ref fast);
            return TimeSpan.Zero;
        });

        SpinWait.SpinUntil(() => runs.Count == 4, Patience).Should().BeTrue();

        long[] at = runs.ToArray();
        for (int i = 1; i < at.Length; i++)
        {
            Stopwatch.GetElapsedTime(at[i - 1], at[i]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        }

        Volatile.Read(ref fast).Should().BeGreaterThan(10, "a step due at once runs over and over meanwhile on the same thread");
    }

    [Fact]
    public void A_throwing_step_is_reported_once_and_dropped_while_the_others_run_on()
    {
        var failure = new InvalidOperationException("sensor on fire");
        var reported = new ConcurrentQueue<Exception>();
        int failingRuns = 0;
        int healthyRuns = 0;
        using var scheduler = new StepScheduler(1);
        scheduler.StepFailed += reported.Enqueue;
        scheduler.Add(() =>
        {
            Interlocked.Increment(ref failingRuns);
            throw failure;
        });
        scheduler.Add(() =>
        {
            Interlocked.Increment(ref healthyRuns);
            return TimeSpan.FromMilliseconds(1);
        });

        SpinWait.SpinUntil(() => !reported.IsEmpty, Patience).Should().BeTrue();
        int healthyAtFailure = Volatile.Read(ref healthyRuns);
        SpinWait.SpinUntil(() => Volatile.Read(ref healthyRuns) > healthyAtFailure + 20, Patience).Should().BeTrue("the other step keeps running");

        reported.Should().ContainSingle().Which.Should().BeSameAs(failure);
        Volatile.Read(ref failingRuns).Should().Be(1);
    }

    [Fact]
    public void Dispose_stops_the_threads_and_no_step_runs_after_it()
    {
        var threads = new ConcurrentDictionary<Thread, bool>();
        int runs = 0;
        var scheduler = new StepScheduler(3);
        for (int i = 0; i < 6; i++)
        {
            scheduler.Add(() =>
            {
                threads.TryAdd(Thread.CurrentThread, true);
                Interlocked.Increment(ref runs);
                return TimeSpan.FromMilliseconds(1);
            });
        }

        SpinWait.SpinUntil(() => threads.Count == 3, Patience).Should().BeTrue();
        scheduler.Dispose();
        int atDispose = Volatile.Read(ref runs);
        Thread.Sleep(50);

        threads.Keys.Should().AllSatisfy(t => t.IsAlive.Should().BeFalse());
        Volatile.Read(ref runs).Should().Be(atDispose);
    }

    [Fact]
    public void Dispose_ends_threads_that_wait_for_work_or_for_a_far_step()
    {
        var scheduler = new StepScheduler(2);
        Thread? lane = null;
        scheduler.Add(() =>
        {
            lane = Thread.CurrentThread;
            return TimeSpan.FromHours(1);
        });
        SpinWait.SpinUntil(() => lane is not null, Patience).Should().BeTrue();

        var disposing = new Thread(scheduler.Dispose);
        disposing.Start();
        disposing.Join(Patience).Should().BeTrue("neither the idle lane nor the one waiting an hour holds Dispose up");
        lane!.IsAlive.Should().BeFalse();
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        var scheduler = new StepScheduler(1);
        scheduler.Dispose();

        scheduler.Invoking(s => s.Dispose()).Should().NotThrow();
    }
}
