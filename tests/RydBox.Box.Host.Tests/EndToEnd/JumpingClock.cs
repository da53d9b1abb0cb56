using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>
/// Real time that a test can jump forward: timeouts inside a request still elapse normally, while
/// the waits between sampling cycles are skipped, so a five-minute outage takes seconds.
/// Monotonic and calendar time move together, as they do on a box.
/// </summary>
public sealed class JumpingClock : IClock, IWallClock
{
    private static readonly long StartUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly long _startTicks = Environment.TickCount64;
    private long _jumped;

    public long NowMilliseconds => Environment.TickCount64 - _startTicks + Interlocked.Read(ref _jumped);

    public void Jump(long milliseconds) => Interlocked.Add(ref _jumped, Math.Max(0, milliseconds));

    public bool TryGetUnixMilliseconds(out long unixMilliseconds)
    {
        unixMilliseconds = StartUnixMs + NowMilliseconds;
        return true;
    }
}
