namespace RydBox.Simulator.Ecus;

/// <summary>Anything attached to a <see cref="VirtualCanBus"/>: a tester's endpoint or a virtual ECU.</summary>
public interface ICanBusNode
{
    /// <summary>
    /// True while the node's CAN controller is powered and acknowledges the frames it sees. A
    /// frame nobody acknowledges is what a tester reports as a CAN error (ECUs asleep).
    /// </summary>
    bool Acknowledges { get; }

    /// <summary>Hands the node a frame another node sent. Called on the sender's thread; must not block.</summary>
    void Deliver(BusFrame frame);
}
