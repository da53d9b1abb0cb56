namespace RydBox.Gateway.Events.Processing;

/// <summary>One device's checkpoints: kept in SQLite by the gateway, in memory by the accuracy benchmark.</summary>
public interface ICheckpointStore
{
    void Save(TimelineCheckpoint checkpoint);

    /// <summary>The newest checkpoint taken strictly before <paramref name="unixMs"/>, if any.</summary>
    TimelineCheckpoint? LatestBefore(long unixMs);

    /// <summary>Drops checkpoints taken after <paramref name="unixMs"/>: late data made them wrong; the replay takes new ones.</summary>
    void DropAfter(long unixMs);

    /// <summary>Drops checkpoints taken before <paramref name="unixMs"/> (retention).</summary>
    void DropBefore(long unixMs);
}
