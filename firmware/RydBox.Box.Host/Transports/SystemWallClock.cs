using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Transports;

/// <summary>The host's calendar clock; a Linux machine keeps it set (NTP), so it is always known.</summary>
public sealed class SystemWallClock : IWallClock
{
    public static readonly SystemWallClock Instance = new();

    private SystemWallClock()
    {
    }

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return true;
    }
}
