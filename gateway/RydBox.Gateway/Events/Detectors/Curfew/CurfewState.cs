using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Curfew;

/// <summary>
/// What <see cref="CurfewDetector"/> remembers: the open episode, if any (its window's name, its start
/// and the end of that window's occurrence), the last sign of driving and the last usable position.
/// </summary>
public sealed record CurfewState(
    string? WindowName = null,
    long? StartUnixMs = null,
    long? WindowEndUnixMs = null,
    Place? Position = null,
    long? LastDrivingUnixMs = null,
    Place? LastPosition = null)
{
    public static CurfewState Initial { get; } = new();

    public bool IsOpen => StartUnixMs is not null;
}
