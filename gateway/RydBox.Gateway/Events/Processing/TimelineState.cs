using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Where one device's detection stands: the detectors' states after every observation up to
/// <see cref="WatermarkUnixMs"/>, the observations still waiting out the reorder window (sorted),
/// when the last checkpoint was taken, and before when late data is no longer replayed.
/// </summary>
public sealed record TimelineState(
    DetectorStates Detectors,
    long WatermarkUnixMs,
    IReadOnlyList<Observation> Pending,
    long LastCheckpointUnixMs,
    long ReplayHorizonUnixMs)
{
    public static TimelineState Start(DetectorStates initial) => new(initial, long.MinValue, [], long.MinValue, long.MinValue);
}

/// <summary>The detectors' states once every observation up to <see cref="AtUnixMs"/> had been seen.</summary>
public sealed record TimelineCheckpoint(long AtUnixMs, DetectorStates Detectors);

/// <summary>What one step of a timeline found; when it replayed, the events of episodes that started after <see cref="ReplayedFromUnixMs"/> and were not found again are gone.</summary>
public sealed record TimelineResult(IReadOnlyList<VehicleEvent> Emitted, long? ReplayedFromUnixMs);
