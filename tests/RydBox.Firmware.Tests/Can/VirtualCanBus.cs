using RydBox.Firmware.Hardware;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Can;

/// <summary>A frame seen on the virtual bus, with the virtual time it was sent or delivered.</summary>
public sealed record BusFrame(long At, uint Id, bool IsExtended, byte[] Data);

/// <summary>
/// A CAN bus in virtual time: the tester's port. Receive jumps the clock to the next scheduled frame
/// (or by the whole timeout), so tests run instantly and assert on exact times.
/// </summary>
public sealed class VirtualCanBus : ICanPort
{
    private readonly List<(long At, long Order, BusFrame Frame)> _scheduled = new();
    private long _order;

    public ManualClock Clock { get; } = new();

    public List<FakeEcu> Ecus { get; } = new();

    /// <summary>Every frame the tester sent.</summary>
    public List<BusFrame> Sent { get; } = new();

    /// <summary>Every frame handed to the tester.</summary>
    public List<BusFrame> Delivered { get; } = new();

    public Exception? FailWith { get; set; }

    public FakeEcu AddEcu(uint responseId, bool extended = false)
    {
        var ecu = new FakeEcu(this, responseId, extended);
        Ecus.Add(ecu);
        return ecu;
    }

    public void Schedule(long at, uint id, bool extended, byte[] data)
    {
        _scheduled.Add((at, _order++, new BusFrame(at, id, extended, data)));
    }

    public void Send(CanFrame frame)
    {
        if (FailWith != null)
        {
            throw FailWith;
        }

        var copy = new BusFrame(Clock.NowMilliseconds, frame.Id, frame.IsExtended, frame.Data.Take(frame.Length).ToArray());
        Sent.Add(copy);
        foreach (FakeEcu ecu in Ecus)
        {
            ecu.OnTesterFrame(copy);
        }
    }

    public bool Receive(CanFrame into, int timeoutMilliseconds)
    {
        timeoutMilliseconds.Should().BeGreaterThanOrEqualTo(0);
        long limit = Clock.NowMilliseconds + timeoutMilliseconds;
        var next = _scheduled.Where(s => s.At <= limit).OrderBy(s => s.At).ThenBy(s => s.Order).FirstOrDefault();
        if (next.Frame == null)
        {
            Clock.Advance(timeoutMilliseconds);
            return false;
        }

        _scheduled.Remove(next);
        if (next.At > Clock.NowMilliseconds)
        {
            Clock.Advance(next.At - Clock.NowMilliseconds);
        }

        into.Id = next.Frame.Id;
        into.IsExtended = next.Frame.IsExtended;
        into.Length = next.Frame.Data.Length;
        Array.Clear(into.Data);
        next.Frame.Data.CopyTo(into.Data, 0);
        Delivered.Add(next.Frame with { At = Clock.NowMilliseconds });
        return true;
    }
}
