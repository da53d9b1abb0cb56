using RydBox.Firmware.Hardware;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Events;

/// <summary>A wall clock that is unset until a test sets it, then runs with the virtual monotonic clock.</summary>
public sealed class SettableWallClock(ManualClock clock) : IWallClock
{
    private long? _offset;

    public void Set(long unixMilliseconds) => _offset = unixMilliseconds - clock.NowMilliseconds;

    public void Unset() => _offset = null;

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = clock.NowMilliseconds + (_offset ?? 0);
        return _offset.HasValue;
    }
}
