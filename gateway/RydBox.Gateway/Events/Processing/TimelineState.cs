using System.Collections.Immutable;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Where one device's detection stands: the detectors' states after every observation up to
/// <see cref="WatermarkUnixMs"/>, the observations still waiting out the reorder window (sorted; a
/// queue, as they mostly come newest last and leave oldest first) and the time of the last of them,
/// when the last checkpoint was taken, before when late data is no longer replayed, and the
/// device's newest time with the gateway's time it arrived at (from which the device's clock is
/// reckoned between messages), and late data not yet replayed: the earliest such time, and when
/// (gateway time) the last replay ran.
/// </summary>
public sealed record TimelineState(
    DetectorStates Detectors,
    long WatermarkUnixMs,
    ImmutableQueue<Observation> Pending,
    long LastCheckpointUnixMs,
    long ReplayHorizonUnixMs,
    long NewestUnixMs,
    long NewestArrivedAtUnixMs,
    long? ReplayDueFromUnixMs = null,
    long LastReplayAtUnixMs = long.MinValue,
    long LastPendingUnixMs = long.MinValue)
{
    public static TimelineState Start(DetectorStates initial) => new(initial, long.MinValue, [], long.MinValue, long.MinValue, long.MinValue, long.MinValue);

    /// <summary>This state waiting for <paramref name="observations"/> (in <see cref="Processing.ObservationOrder"/>).</summary>
    public TimelineState Waiting(IReadOnlyList<Observation> observations) => this with
    {
        Pending = ImmutableQueue.CreateRange(observations),
        LastPendingUnixMs = observations.Count > 0 ? observations[^1].UnixMilliseconds : long.MinValue,
    };

    /// <summary>
    /// The device's own time at the gateway's <paramref name="nowUnixMs"/>: its newest observation
    /// plus the real time since it arrived. For a box whose clock is right that is about now; for
    /// one whose data is old (a simulator replaying yesterday, a clock off by hours) it keeps the
    /// gateway's ticks in step with the device's data instead of hours ahead of it.
    /// </summary>
    public long DeviceTimeAt(long nowUnixMs) =>
        NewestArrivedAtUnixMs == long.MinValue ? nowUnixMs : NewestUnixMs + Math.Max(0, nowUnixMs - NewestArrivedAtUnixMs);
}

/// <summary>The detectors' states once every observation up to <see cref="AtUnixMs"/> had been seen.</summary>
public sealed record TimelineCheckpoint(long AtUnixMs, DetectorStates Detectors);

/// <summary>What one step of a timeline found; when it replayed, the events of episodes that started after <see cref="ReplayedFromUnixMs"/> and were not found again are gone.</summary>
public sealed record TimelineResult(IReadOnlyList<VehicleEvent> Emitted, long? ReplayedFromUnixMs);
