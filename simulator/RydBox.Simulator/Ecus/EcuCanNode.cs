using RydBox.Firmware.Can;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// A virtual ECU's ISO-TP server on one bus, built on the firmware's own sender and receiver:
/// reassembles requests (single frames, or first and consecutive frames after its own flow
/// control) and sends answers as single frames or as first and consecutive frames paced by the
/// tester's flow control (block size, STmin). Reacts on the sender's thread; owns no thread.
/// </summary>
internal sealed class EcuCanNode : ICanBusNode
{
    /// <summary>N_Bs, ISO 15765-4: how long it waits for the tester's flow control.</summary>
    private const int FlowControlTimeoutMs = 75;

    /// <summary>N_Cr, ISO 15765-4: how long it waits for the tester's next consecutive frame.</summary>
    private const int ConsecutiveFrameTimeoutMs = 150;

    /// <summary>Flow control Wait frames tolerated in a row before giving up on an answer.</summary>
    private const int MaxFlowControlWaits = 10;

    /// <summary>The filler ECUs commonly put in unused bytes (the tester's ELM327 strips it).</summary>
    private const byte PadByte = 0xAA;

    /// <summary>
    /// The longest request it takes: J1979 requests fit a single frame; a longer first frame is
    /// refused with flow control Overflow, which keeps each ECU on each bus small.
    /// </summary>
    private const int MaxRequestLength = 64;

    private readonly VirtualEcu _ecu;
    private readonly VirtualCanBus _bus;
    private readonly object _gate = new();
    private readonly IsoTpReceiver _receiver;
    private readonly IsoTpSender _sender = new(FlowControlTimeoutMs, MaxFlowControlWaits, PadByte);
    private readonly EcuResponse _request = new(MaxRequestLength);
    private readonly CanFrame _received = new();
    private readonly CanFrame _outgoing = new();
    private readonly CanFrame _flowControl = new();

    public EcuCanNode(VirtualEcu ecu, VirtualCanBus bus)
    {
        _ecu = ecu;
        _bus = bus;
        _receiver = new IsoTpReceiver(ecu.Profile.FlowControlBlockSize, ecu.Profile.FlowControlSeparationTime, ConsecutiveFrameTimeoutMs, PadByte);
    }

    public bool Acknowledges => _ecu.IsAwake;

    public void Deliver(BusFrame frame)
    {
        bool functional = frame.Id == ObdAddressing.FunctionalRequest11Bit;
        if (frame.IsExtended || (!functional && frame.Id != _ecu.Profile.RequestId) || !_ecu.IsAwake)
        {
            return;
        }

        lock (_gate)
        {
            long now = _bus.Clock.NowMilliseconds;
            frame.CopyTo(_received);
            int kind = IsoTpFrame.KindOf(_received);
            if (kind == IsoTpFrame.FlowControl)
            {
                if (!functional)
                {
                    _sender.OnFlowControl(_received, now);
                    SendDue(now);
                }

                return;
            }

            // Flow control cannot go back to many testers at once, so functional requests are single frames.
            if (functional && kind != IsoTpFrame.SingleFrame)
            {
                return;
            }

            Receive(now, functional);
        }
    }

    private void Receive(long now, bool functional)
    {
        if (IsoTpFrame.KindOf(_received) == IsoTpFrame.FirstFrame && (((_received.Data[0] & 0x0F) << 8) | _received.Data[1]) > MaxRequestLength)
        {
            IsoTpFrame.WriteFlowControl(_flowControl, IsoTpFrame.Overflow, 0, 0, PadByte);
            Send(_flowControl, now);
            return;
        }

        _receiver.CheckTimeout(now);
        IsoTpReceiveResult result = _receiver.Accept(_received, _request, now, _flowControl);
        if (result == IsoTpReceiveResult.SendFlowControl)
        {
            Send(_flowControl, now);
        }
        else if (result == IsoTpReceiveResult.Complete)
        {
            byte[]? answer = _ecu.Answer(_request.Data.AsSpan(0, _request.Length), functional);
            if (answer is not null && _sender.Start(answer, answer.Length, now))
            {
                SendDue(now);
            }
        }
    }

    /// <summary>
    /// Sends every frame the sender has until it must wait for flow control, each stamped with
    /// the time it is due: consecutive frames spaced by STmin reach the tester no earlier.
    /// </summary>
    private void SendDue(long now)
    {
        while (_sender.State == IsoTpSendState.Sending)
        {
            long dueAt = Math.Max(now, _sender.NextActionAt);
            if (!_sender.NextFrame(_outgoing, dueAt))
            {
                return;
            }

            Send(_outgoing, dueAt);
        }
    }

    private void Send(CanFrame frame, long deliverAt)
    {
        frame.Id = _ecu.Profile.ResponseId;
        frame.IsExtended = false;
        _bus.Transmit(this, frame, deliverAt);
    }
}
