using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.LowBattery;

/// <summary>
/// What <see cref="LowBatteryDetector"/> remembers: whether this parked stretch was reported, the
/// ignition as the box last told it, the current run of low readings and the last known position.
/// </summary>
public sealed record LowBatteryState(
    bool Reported = false,
    bool IgnitionOn = false,
    long? LowSinceUnixMs = null,
    int LowSamples = 0,
    Place? LastPosition = null)
{
    public static LowBatteryState Initial { get; } = new();
}
