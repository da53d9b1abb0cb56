using System.Collections.Immutable;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// An in-process CAN bus: every frame a node sends reaches every other node. Thread-safe; nodes
/// may attach, detach and send from any thread. Delivery is synchronous (a virtual ECU answers
/// within the sender's call), so a bus costs no thread of its own and thousands can run at once.
/// </summary>
public sealed class VirtualCanBus(IClock clock, int bitRateKbps = VirtualCanBus.LegislatedOnBoardDiagnosticsBitRateKbps)
{
    /// <summary>ISO 15765-4 CAN runs at 500 kbit/s on nearly every car (250 kbit/s on a few).</summary>
    public const int LegislatedOnBoardDiagnosticsBitRateKbps = 500;

    private const uint Largest11BitId = 0x7FF;
    private const uint Largest29BitId = 0x1FFFFFFF;

    private ImmutableArray<ICanBusNode> _nodes = [];
    private long _sequence;

    /// <summary>Bus time: what frames are stamped with and what receivers wait on.</summary>
    public IClock Clock => clock;

    /// <summary>A tester set to another bit rate sees only errors.</summary>
    public int BitRateKbps => bitRateKbps;

    public void Attach(ICanBusNode node) => ImmutableInterlocked.Update(ref _nodes, nodes => nodes.Add(node));

    public void Detach(ICanBusNode node) => ImmutableInterlocked.Update(ref _nodes, nodes => nodes.Remove(node));

    /// <summary>A new tester endpoint on this bus (the firmware's <see cref="ICanPort"/>); dispose it to detach.</summary>
    public CanBusEndpoint OpenEndpoint()
    {
        var endpoint = new CanBusEndpoint(this);
        Attach(endpoint);
        return endpoint;
    }

    /// <summary>
    /// Puts <paramref name="frame"/> on the bus; the other nodes receive it at <paramref name="deliverAt"/>
    /// (bus time). Returns true when some other node acknowledged it.
    /// </summary>
    public bool Transmit(ICanBusNode sender, CanFrame frame, long deliverAt)
    {
        if (frame.Length is < 0 or > CanFrame.MaxDataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), $"a classic CAN frame carries 0 to 8 bytes, not {frame.Length}");
        }

        if (frame.Id > (frame.IsExtended ? Largest29BitId : Largest11BitId))
        {
            throw new ArgumentOutOfRangeException(nameof(frame), $"{frame.Id:X} is not a {(frame.IsExtended ? 29 : 11)}-bit identifier");
        }

        var travelling = new BusFrame(frame.Id, frame.IsExtended, frame.Data[..frame.Length], deliverAt, Interlocked.Increment(ref _sequence));
        bool acknowledged = false;
        foreach (ICanBusNode node in _nodes)
        {
            if (ReferenceEquals(node, sender))
            {
                continue;
            }

            acknowledged |= node.Acknowledges;
            node.Deliver(travelling);
        }

        return acknowledged;
    }
}
