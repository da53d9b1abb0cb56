using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Transports;

/// <summary>The host's monotonic clock.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    private SystemClock()
    {
    }

    public long NowMilliseconds => Environment.TickCount64;
}
