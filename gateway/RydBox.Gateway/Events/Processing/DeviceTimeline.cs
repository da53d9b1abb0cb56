using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Puts one device's observations in timestamp order before its detectors see them. Observations
/// wait <see cref="EventsOptions.ReorderWindow"/> (a box publishes an event at once but the batch
/// holding the same moment up to ten seconds later). One that arrives later than that, below the
/// watermark (a box's outbox replaying after an outage), makes the timeline go back to the newest
/// checkpoint before it and replay everything stored since, so late batches give the same events
/// as on-time ones; the caller withdraws what the replay did not find again.
/// </summary>
public sealed class DeviceTimeline
{
    private readonly DetectorSet _detectors;
    private readonly EventsOptions _options;
    private readonly ICheckpointStore _checkpoints;
    private TimelineState _state;

    public DeviceTimeline(DetectorSet detectors, EventsOptions options, ICheckpointStore checkpoints, TimelineState? saved = null)
    {
        _detectors = detectors;
        _options = options;
        _checkpoints = checkpoints;
        _state = saved ?? TimelineState.Start(detectors.Initial);
    }

    public TimelineState State => _state;

    /// <param name="arrived">What the device sent, in any order, already stored.</param>
    /// <param name="nowUnixMs">The gateway's time.</param>
    /// <param name="storedBetween">The device's stored observations with from &lt; time ≤ to, in time order (a replay reads them).</param>
    public TimelineResult Receive(IReadOnlyList<Observation> arrived, long nowUnixMs, Func<long, long, IReadOnlyList<Observation>> storedBetween)
    {
        var emitted = new List<VehicleEvent>();
        long? replayedFrom = null;
        long watermark = _state.WatermarkUnixMs;
        var onTime = new List<Observation>(arrived.Count);
        long earliestLate = long.MaxValue;
        foreach (Observation observation in arrived)
        {
            if (observation.UnixMilliseconds >= watermark)
            {
                onTime.Add(observation);
            }
            else if (observation is ConnectionObservation connection)
            {
                // Stamped by the gateway and never replayed: a late one counts from now on.
                onTime.Add(connection with { UnixMilliseconds = watermark });
            }
            else if (observation.UnixMilliseconds > _state.ReplayHorizonUnixMs)
            {
                earliestLate = Math.Min(earliestLate, observation.UnixMilliseconds);
            }
        }

        if (earliestLate != long.MaxValue)
        {
            replayedFrom = Replay(earliestLate, storedBetween, emitted);

            // What is stored up to the old watermark went through the replay, these among it.
            onTime.RemoveAll(o => o is not ConnectionObservation && o.UnixMilliseconds <= watermark);
            _state = _state with { Pending = _state.Pending.Where(o => o is ConnectionObservation || o.UnixMilliseconds > watermark).ToArray() };
        }

        if (onTime.Count > 0)
        {
            _state = _state with { Pending = Merge(_state.Pending, onTime) };
            long newest = _state.Pending[^1].UnixMilliseconds;
            Release(newest - (long)_options.ReorderWindow.TotalMilliseconds, emitted);
        }

        return new TimelineResult(emitted, replayedFrom);
    }

    /// <summary>
    /// Gateway time passing: releases what waited out the reorder window, then tells the detectors
    /// the time. A tick that changes nothing leaves the watermark where the data put it, so a batch
    /// a parked box sends minutes after its first row is still on time; one that ends something (a
    /// trip after a data gap, a device gone silent) moves it, and data from before it is replayed.
    /// </summary>
    public TimelineResult Tick(long nowUnixMs)
    {
        var emitted = new List<VehicleEvent>();
        long horizon = nowUnixMs - (long)_options.ReorderWindow.TotalMilliseconds;
        Release(horizon, emitted);
        if (horizon > _state.WatermarkUnixMs)
        {
            DetectorStates detectors = _detectors.Observe(_state.Detectors, new ClockTick(horizon), emitted);
            if (!ReferenceEquals(detectors, _state.Detectors))
            {
                _state = _state with { Detectors = detectors, WatermarkUnixMs = horizon };
            }
        }

        return new TimelineResult(emitted, null);
    }

    private long Replay(long earliestLate, Func<long, long, IReadOnlyList<Observation>> storedBetween, List<VehicleEvent> emitted)
    {
        TimelineCheckpoint? checkpoint = _checkpoints.LatestBefore(earliestLate);
        long from = checkpoint?.AtUnixMs ?? long.MinValue;
        long until = _state.WatermarkUnixMs;
        _checkpoints.DropAfter(from);
        _state = _state with
        {
            Detectors = checkpoint?.Detectors ?? _detectors.Initial,
            WatermarkUnixMs = from,
            LastCheckpointUnixMs = from,
        };
        foreach (Observation observation in storedBetween(from, until))
        {
            Feed(observation, emitted);
        }

        return from;
    }

    private void Release(long upTo, List<VehicleEvent> emitted)
    {
        IReadOnlyList<Observation> pending = _state.Pending;
        int due = 0;
        while (due < pending.Count && pending[due].UnixMilliseconds <= upTo)
        {
            due++;
        }

        if (due == 0)
        {
            return;
        }

        _state = _state with { Pending = pending.Skip(due).ToArray() };
        for (int i = 0; i < due; i++)
        {
            Feed(pending[i], emitted);
        }
    }

    private void Feed(Observation observation, List<VehicleEvent> emitted)
    {
        DetectorStates detectors = _detectors.Observe(_state.Detectors, observation, emitted);
        long at = Math.Max(_state.WatermarkUnixMs, observation.UnixMilliseconds);
        _state = _state with { Detectors = detectors, WatermarkUnixMs = at };
        long interval = (long)_options.CheckpointInterval.TotalMilliseconds;
        if (_state.LastCheckpointUnixMs == long.MinValue || at - _state.LastCheckpointUnixMs >= interval)
        {
            _checkpoints.Save(new TimelineCheckpoint(at, detectors));
            long horizon = at - (long)_options.CheckpointRetention.TotalMilliseconds;
            if (horizon > _state.ReplayHorizonUnixMs)
            {
                _checkpoints.DropBefore(horizon);
            }

            _state = _state with { LastCheckpointUnixMs = at, ReplayHorizonUnixMs = Math.Max(_state.ReplayHorizonUnixMs, horizon) };
        }
    }

    private static Observation[] Merge(IReadOnlyList<Observation> pending, List<Observation> arrived) =>
        ObservationOrder.Sort(pending.Concat(arrived));
}
