using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Cli;

/// <summary>Simulation time running at wall-clock speed, for serving real clients (OBD apps, a real box).</summary>
internal sealed class RealTimeClock : IClock
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public long NowMilliseconds => _elapsed.ElapsedMilliseconds;
}
