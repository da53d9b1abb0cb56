using System.Diagnostics;

namespace RydBox.Simulator.Boxes;

/// <summary>
/// Runs many boxes' sampling steps on a few threads instead of one thread per box: each thread
/// owns a share of the steps and runs whichever is due next. A step returns the simulated
/// milliseconds until it wants to run again; <see cref="Time.SimulationClock.RealDuration"/> turns
/// that into real time. Sampling steps never wait on the network (the outbox sits between
/// sampling and uplink), so a few threads keep thousands of boxes on schedule.
/// </summary>
public sealed class StepScheduler : IDisposable
{
    private readonly Lane[] _lanes;
    private readonly CancellationTokenSource _stop = new();
    private int _next;
    private int _disposed;

    public StepScheduler(int threads)
    {
        _lanes = Enumerable.Range(0, Math.Max(1, threads)).Select(i => new Lane(this, i)).ToArray();
    }

    /// <summary>Steps that threw; each is logged here once and not run again.</summary>
    public event Action<Exception>? StepFailed;

    /// <summary>Adds a step, first run at once. <paramref name="step"/> returns the real time until its next run, or null when it is finished.</summary>
    public void Add(Func<TimeSpan?> step) => _lanes[Interlocked.Increment(ref _next) % _lanes.Length].Add(step);

    public void Dispose()
    {
        // A second call would cancel a disposed token source, which throws.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        foreach (Lane lane in _lanes)
        {
            lane.Join();
        }

        _stop.Dispose();
    }

    private sealed class Lane
    {
        private readonly StepScheduler _owner;
        private readonly PriorityQueue<Func<TimeSpan?>, long> _due = new();
        private readonly SemaphoreSlim _added = new(0);
        private readonly Thread _thread;

        public Lane(StepScheduler owner, int index)
        {
            _owner = owner;
            _thread = new Thread(Run) { Name = $"sampling-{index}", IsBackground = true };
            _thread.Start();
        }

        public void Add(Func<TimeSpan?> step)
        {
            lock (_due)
            {
                _due.Enqueue(step, Stopwatch.GetTimestamp());
            }

            _added.Release();
        }

        public void Join() => _thread.Join();

        private void Run()
        {
            CancellationToken stop = _owner._stop.Token;
            while (!stop.IsCancellationRequested)
            {
                Func<TimeSpan?>? step = null;
                TimeSpan wait = Timeout.InfiniteTimeSpan;
                lock (_due)
                {
                    if (_due.TryPeek(out Func<TimeSpan?>? first, out long dueAt))
                    {
                        TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueAt);
                        if (left <= TimeSpan.Zero)
                        {
                            step = _due.Dequeue();
                        }
                        else
                        {
                            wait = left;
                        }
                    }
                }

                if (step is null)
                {
                    try
                    {
                        _added.Wait(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    continue;
                }

                TimeSpan? next;
                try
                {
                    next = step();
                }
                catch (Exception e)
                {
                    _owner.StepFailed?.Invoke(e);
                    continue;
                }

                if (next is TimeSpan delay)
                {
                    lock (_due)
                    {
                        _due.Enqueue(step, Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency));
                    }
                }
            }
        }
    }
}
