using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>Simulation time that only the test moves, so a scenario plays as fast as the physics runs.</summary>
public sealed class ManualClock : IClock
{
    private long _now;

    public long NowMilliseconds => Interlocked.Read(ref _now);

    public void Advance(long milliseconds) => Interlocked.Add(ref _now, milliseconds);
}
