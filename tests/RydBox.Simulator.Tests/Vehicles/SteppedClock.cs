using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Tests.Vehicles;

/// <summary>Simulation time that a test moves forward by hand.</summary>
public sealed class SteppedClock : IClock
{
    private long _now;

    public long NowMilliseconds => Interlocked.Read(ref _now);

    public void Advance(long milliseconds) => Interlocked.Add(ref _now, milliseconds);
}
