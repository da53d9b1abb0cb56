using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Tests.Ecus;

/// <summary>Real time since the test started: the firmware's drivers wait on it like on a device.</summary>
public sealed class TestClock : IClock
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public long NowMilliseconds => _elapsed.ElapsedMilliseconds;
}
