using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>Simulation time that only the test moves, so a scenario plays as fast as the physics runs; calendar time follows it from a fixed start.</summary>
public sealed class ManualClock(long startUnixMilliseconds = ScenarioPlayer.StartUnixMs) : IClock, IWallClock
{
    private long _now;

    public long NowMilliseconds => Interlocked.Read(ref _now);

    public void Advance(long milliseconds) => Interlocked.Add(ref _now, milliseconds);

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = startUnixMilliseconds + NowMilliseconds;
        return true;
    }
}
