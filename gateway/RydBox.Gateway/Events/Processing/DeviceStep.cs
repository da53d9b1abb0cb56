namespace RydBox.Gateway.Events.Processing;

/// <summary>What one device's timeline did in a round, computed outside the write lock and written after: its new state, what it found, its checkpoint changes.</summary>
internal sealed record DeviceStep(string DeviceId, DeviceDetection Device, TimelineState State, TimelineResult Result, SqliteCheckpointStore Checkpoints);
