namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>
/// One track per configured fence, in the fences' order. Tracks are matched to fences by id, so a
/// fence added later starts <see cref="GeofenceSide.Unknown"/> and a removed fence's track is dropped.
/// </summary>
public sealed record GeofenceState(IReadOnlyList<GeofenceTrack> Fences)
{
    public static GeofenceState Initial { get; } = new(Array.Empty<GeofenceTrack>());
}
