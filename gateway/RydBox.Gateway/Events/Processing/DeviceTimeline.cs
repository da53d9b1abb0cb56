using System.Collections.Immutable;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Puts one device's observations in timestamp order before its detectors see them. Samples come
/// in order, batch after batch, and go to the detectors as they arrive (all but the last
/// <see cref="EventsOptions.SampleWindow"/> of them); what runs ahead of them (a
/// box publishes an event at once but the batch holding the same moment up to ten seconds later)
/// waits for the samples to catch up, at most <see cref="EventsOptions.ReorderWindow"/>. An
/// observation that arrives later than what the detectors saw, below the
/// watermark (a box's outbox replaying after an outage), makes the timeline go back to the newest
/// checkpoint before it and replay everything stored since (at most once every
/// <see cref="EventsOptions.MinReplayInterval"/>), so late batches give the same events as on-time
/// ones; the caller withdraws what the replay did not find again.
/// </summary>
public sealed class DeviceTimeline
{
    private readonly DetectorSet _detectors;
    private readonly EventsOptions _options;
    private readonly ICheckpointStore _checkpoints;
    private readonly Func<long, long, IReadOnlyList<Observation>> _storedBetween;
    private TimelineState _state;

    /// <param name="storedBetween">The device's stored observations with from &lt; time ≤ to, in <see cref="ObservationOrder"/> (what a replay reads).</param>
    public DeviceTimeline(
        DetectorSet detectors, EventsOptions options, ICheckpointStore checkpoints, Func<long, long, IReadOnlyList<Observation>> storedBetween, TimelineState? saved = null)
    {
        _detectors = detectors;
        _options = options;
        _checkpoints = checkpoints;
        _storedBetween = storedBetween;
        _state = saved ?? TimelineState.Start(detectors.Initial);
    }

    public TimelineState State => _state;

    /// <param name="arrived">What the device sent, in any order, already stored.</param>
    /// <param name="nowUnixMs">The gateway's time.</param>
    public TimelineResult Receive(IReadOnlyList<Observation> arrived, long nowUnixMs)
    {
        long newest = arrived.Where(o => o is not ConnectionObservation).Select(o => o.UnixMilliseconds).DefaultIfEmpty(long.MinValue).Max();
        if (newest > _state.NewestUnixMs)
        {
            _state = _state with { NewestUnixMs = newest, NewestArrivedAtUnixMs = nowUnixMs };
        }

        var emitted = new List<VehicleEvent>();
        long watermark = _state.WatermarkUnixMs;
        long deviceNow = _state.DeviceTimeAt(nowUnixMs);
        var onTime = new List<Observation>(arrived.Count);
        long earliestLate = long.MaxValue;
        foreach (Observation arrival in arrived)
        {
            // A connection change is stamped by the gateway (the broker's will) or the box: counted in the device's time.
            Observation observation = arrival is ConnectionObservation change && change.UnixMilliseconds > deviceNow
                ? change with { UnixMilliseconds = deviceNow }
                : arrival;
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
            _state = _state with { ReplayDueFromUnixMs = Math.Min(_state.ReplayDueFromUnixMs ?? long.MaxValue, earliestLate) };
        }

        long? replayedFrom = ReplayIfDue(nowUnixMs, emitted);
        if (replayedFrom is not null)
        {
            // What is stored up to the old watermark went through the replay, these among it.
            onTime.RemoveAll(o => o is not ConnectionObservation && o.UnixMilliseconds <= watermark);
        }

        if (onTime.Count > 0)
        {
            Wait(onTime);

            // Samples come in order, batch after batch: what is older than the newest sample that arrived
            // by the sample window waits for nothing more (the window catches an event the box stamped a
            // moment before a sample it had already sent). What ran ahead of the samples (box events,
            // connection changes) waits for them, at most the reorder window.
            long newestSample = onTime.Where(o => o is SampleObservation).Select(o => o.UnixMilliseconds).DefaultIfEmpty(long.MinValue).Max();
            long samplesDone = newestSample == long.MinValue ? long.MinValue : newestSample - (long)_options.SampleWindow.TotalMilliseconds;
            Release(Math.Max(samplesDone, _state.LastPendingUnixMs - (long)_options.ReorderWindow.TotalMilliseconds), emitted);
        }

        return new TimelineResult(emitted, replayedFrom);
    }

    /// <summary>
    /// Gateway time passing: releases what waited out the reorder window, then tells the detectors
    /// the device's time (<see cref="TimelineState.DeviceTimeAt"/>); runs a replay that waited. A tick
    /// that changes nothing leaves the watermark where the data put it, so a batch a parked box sends
    /// minutes after its first row is still on time; one that ends something (a trip after a data
    /// gap, a device gone silent) moves it, and data from before it is replayed.
    /// </summary>
    public TimelineResult Tick(long nowUnixMs)
    {
        var emitted = new List<VehicleEvent>();
        long? replayedFrom = ReplayIfDue(nowUnixMs, emitted);
        long horizon = _state.DeviceTimeAt(nowUnixMs) - (long)_options.ReorderWindow.TotalMilliseconds;
        Release(horizon, emitted);
        if (horizon > _state.WatermarkUnixMs)
        {
            DetectorStates detectors = _detectors.Observe(_state.Detectors, new ClockTick(horizon), emitted);
            if (!detectors.Equals(_state.Detectors))
            {
                _state = _state with { Detectors = detectors, WatermarkUnixMs = horizon };
            }
        }

        return new TimelineResult(emitted, replayedFrom);
    }

    /// <summary>Replays the late data waiting, unless the last replay was too recent; returns where the replay started.</summary>
    private long? ReplayIfDue(long nowUnixMs, List<VehicleEvent> emitted)
    {
        if (_state.ReplayDueFromUnixMs is not long earliestLate
            || (_state.LastReplayAtUnixMs != long.MinValue && nowUnixMs - _state.LastReplayAtUnixMs < (long)_options.MinReplayInterval.TotalMilliseconds))
        {
            return null;
        }

        long until = _state.WatermarkUnixMs;
        long from = Replay(earliestLate, emitted);

        // Everything stored up to the old watermark went through the replay, the pending ones at it among it.
        _state = _state with
        {
            ReplayDueFromUnixMs = null,
            LastReplayAtUnixMs = nowUnixMs,
        };
        _state = _state.Waiting([.. _state.Pending.Where(o => o is ConnectionObservation || o.UnixMilliseconds > until)]);
        return from;
    }

    private long Replay(long earliestLate, List<VehicleEvent> emitted)
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
        Feed(_storedBetween(from, until), emitted);
        return from;
    }

    private void Release(long upTo, List<VehicleEvent> emitted)
    {
        ImmutableQueue<Observation> pending = _state.Pending;
        var due = new List<Observation>();
        while (!pending.IsEmpty && pending.Peek().UnixMilliseconds <= upTo)
        {
            pending = pending.Dequeue(out Observation next);
            due.Add(next);
        }

        if (due.Count == 0)
        {
            return;
        }

        _state = _state with { Pending = pending, LastPendingUnixMs = pending.IsEmpty ? long.MinValue : _state.LastPendingUnixMs };
        Feed(due, emitted);
    }

    /// <summary>The detectors see <paramref name="observations"/> (in order), taking a checkpoint every <see cref="EventsOptions.CheckpointInterval"/>.</summary>
    private void Feed(IReadOnlyList<Observation> observations, List<VehicleEvent> emitted)
    {
        // Locals, one new state at the end: a state a sample would be most of the allocation here.
        DetectorStates detectors = _state.Detectors;
        long watermark = _state.WatermarkUnixMs;
        long lastCheckpoint = _state.LastCheckpointUnixMs;
        long replayHorizon = _state.ReplayHorizonUnixMs;
        long interval = (long)_options.CheckpointInterval.TotalMilliseconds;
        foreach (Observation observation in observations)
        {
            detectors = _detectors.Observe(detectors, observation, emitted);
            watermark = Math.Max(watermark, observation.UnixMilliseconds);
            if (lastCheckpoint == long.MinValue || watermark - lastCheckpoint >= interval)
            {
                _checkpoints.Save(new TimelineCheckpoint(watermark, detectors));
                long horizon = watermark - (long)_options.CheckpointRetention.TotalMilliseconds;
                if (horizon > replayHorizon)
                {
                    _checkpoints.DropBefore(horizon);
                    replayHorizon = horizon;
                }

                lastCheckpoint = watermark;
            }
        }

        _state = _state with { Detectors = detectors, WatermarkUnixMs = watermark, LastCheckpointUnixMs = lastCheckpoint, ReplayHorizonUnixMs = replayHorizon };
    }

    /// <summary>
    /// Adds what arrived to the observations waiting: at the end when it is all newer than them (the
    /// usual case), otherwise by merging the two in order.
    /// </summary>
    private void Wait(List<Observation> arrived)
    {
        Observation[] incoming = ObservationOrder.Sort(arrived);
        if (_state.Pending.IsEmpty || incoming[0].UnixMilliseconds > _state.LastPendingUnixMs)
        {
            ImmutableQueue<Observation> pending = _state.Pending;
            foreach (Observation observation in incoming)
            {
                pending = pending.Enqueue(observation);
            }

            _state = _state with { Pending = pending, LastPendingUnixMs = incoming[^1].UnixMilliseconds };
            return;
        }

        _state = _state.Waiting(ObservationOrder.Sort(_state.Pending.Concat(incoming)));
    }
}
