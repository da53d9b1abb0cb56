using RydBox.Firmware.Hardware;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// A tester's CAN controller on a <see cref="VirtualCanBus"/>: the firmware's <see cref="ICanPort"/>
/// over a receive queue ordered by delivery time, so frames paced into the future arrive when due.
/// </summary>
public sealed class CanBusEndpoint : ICanPort, ICanBusNode, IDisposable
{
    /// <summary>
    /// Longest real-time sleep between looks at the bus clock while waiting: the clock may run faster
    /// than real time (accelerated simulation), so a wait is sliced rather than slept in one go.
    /// </summary>
    private const int MaxSleepSliceMs = 10;

    private readonly VirtualCanBus _bus;
    private readonly object _gate = new();
    private readonly PriorityQueue<BusFrame, (long DeliverAt, long Sequence)> _inbox = new();

    internal CanBusEndpoint(VirtualCanBus bus)
    {
        _bus = bus;
    }

    public bool Acknowledges => true;

    public void Deliver(BusFrame frame)
    {
        lock (_gate)
        {
            _inbox.Enqueue(frame, (frame.DeliverAt, frame.Sequence));
            Monitor.PulseAll(_gate);
        }
    }

    public void Send(CanFrame frame) => Transmit(frame);

    /// <summary>Sends now; true when another node acknowledged the frame (what a real controller learns from the ACK slot).</summary>
    public bool Transmit(CanFrame frame) => _bus.Transmit(this, frame, _bus.Clock.NowMilliseconds);

    public bool Receive(CanFrame into, int timeoutMilliseconds)
    {
        IClock clock = _bus.Clock;
        long deadline = clock.NowMilliseconds + Math.Max(0, timeoutMilliseconds);
        lock (_gate)
        {
            while (true)
            {
                long now = clock.NowMilliseconds;
                bool waiting = _inbox.TryPeek(out BusFrame? next, out _);
                if (waiting && next!.DeliverAt <= now)
                {
                    _inbox.Dequeue().CopyTo(into);
                    return true;
                }

                if (now >= deadline)
                {
                    return false;
                }

                long wakeAt = waiting ? Math.Min(deadline, next!.DeliverAt) : deadline;
                if (clock is SimulationClock skipping && skipping.TrySkipTo(wakeAt))
                {
                    continue;
                }

                double realMs = clock is SimulationClock simulated ? (wakeAt - now) / simulated.Speed : wakeAt - now;
                if (realMs < 1)
                {
                    // Far faster than real time a whole millisecond would overshoot the wait many times over.
                    Monitor.Wait(_gate, 0);
                    Thread.Yield();
                }
                else
                {
                    Monitor.Wait(_gate, (int)Math.Min(realMs, MaxSleepSliceMs));
                }
            }
        }
    }

    public void Dispose() => _bus.Detach(this);
}
