using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Speeding;

/// <summary>
/// What <see cref="SpeedingDetector"/> remembers. <see cref="AboveSinceUnixMs"/> is set from the first
/// reading above the limit: a pending episode until <see cref="Open"/>, then the open episode's start
/// (and key). <see cref="BelowSinceUnixMs"/> is set while an open episode's speed is below the end level.
/// </summary>
public sealed record SpeedingState(
    long? AboveSinceUnixMs = null,
    bool Open = false,
    double MaxSpeedKmh = 0,
    double EmittedMaxSpeedKmh = 0,
    long? BelowSinceUnixMs = null,
    Place? Position = null,
    long? LastSpeedUnixMs = null,
    Place? LastPosition = null)
{
    public static SpeedingState Initial { get; } = new();
}
