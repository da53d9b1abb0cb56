using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Support;

/// <summary>A clock that moves only when a fake device says time has passed.</summary>
public sealed class ManualClock : IClock
{
    public long NowMilliseconds { get; private set; }

    public void Advance(long milliseconds)
    {
        if (milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds));
        }

        NowMilliseconds += milliseconds;
    }
}
