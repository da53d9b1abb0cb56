namespace RydBox.Gateway.Events.Processing;

/// <summary>Checkpoints in a list, for one device: what the accuracy benchmark and tests replay from.</summary>
public sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly List<TimelineCheckpoint> _checkpoints = [];

    public void Save(TimelineCheckpoint checkpoint)
    {
        _checkpoints.RemoveAll(c => c.AtUnixMs >= checkpoint.AtUnixMs);
        _checkpoints.Add(checkpoint);
    }

    public TimelineCheckpoint? LatestBefore(long unixMs) => _checkpoints.LastOrDefault(c => c.AtUnixMs < unixMs);

    public void DropAfter(long unixMs) => _checkpoints.RemoveAll(c => c.AtUnixMs > unixMs);

    public void DropBefore(long unixMs) => _checkpoints.RemoveAll(c => c.AtUnixMs < unixMs);
}
