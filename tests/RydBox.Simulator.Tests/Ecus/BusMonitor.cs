using System.Collections.Concurrent;
using RydBox.Simulator.Ecus;

namespace RydBox.Simulator.Tests.Ecus;

/// <summary>Records every frame on a bus with its delivery stamp, without acknowledging anything.</summary>
public sealed class BusMonitor : ICanBusNode
{
    private readonly ConcurrentQueue<BusFrame> _frames = new();

    public bool Acknowledges => false;

    /// <summary>In the order they were sent (delivery nests: an ECU answers before later nodes see the request).</summary>
    public IReadOnlyList<BusFrame> Frames => [.. _frames.OrderBy(f => f.Sequence)];

    public void Deliver(BusFrame frame) => _frames.Enqueue(frame);
}
