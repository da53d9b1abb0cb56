namespace RydBox.Gateway.Events.Detectors.Offline;

/// <summary>
/// What <see cref="OfflineDetector"/> remembers: when the device was last heard from, when its
/// connection dropped (while within the grace period), and the start of the open episode.
/// </summary>
public sealed record OfflineState(long? LastSeenUnixMs = null, long? DroppedAtUnixMs = null, long? OfflineSinceUnixMs = null)
{
    public static OfflineState Initial { get; } = new();
}
