using System;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Can
{
    /// <summary>
    /// OBD-II straight on the CAN bus (ISO 15765-4 over ISO-TP), without an ELM327. Functional
    /// requests collect every ECU's answer, each reassembled separately even when several ECUs
    /// interleave multi-frame answers.
    /// </summary>
    /// <remarks>
    /// Outcome: Ok when at least one ECU answered; Garbled when none answered cleanly but a message
    /// broke; Timeout when an ECU announced "response pending" (7F xx 78) or withheld flow control
    /// and then fell silent; NoData when nobody answered at all (as the ELM327 reports it); Rejected
    /// for a request that cannot be sent (empty, over 4095 bytes, a functional request longer than a
    /// single frame, an unknown target, or an ECU's flow control Overflow); BusError when the port throws.
    /// </remarks>
    public sealed class CanObdTransport : IObdTransport
    {
        /// <summary>ECUs followed at once; 11-bit OBD has exactly eight response ids.</summary>
        public const int MaxEcus = 8;

        private const int ResponsePendingCode = 0x78;

        private readonly ICanPort _port;
        private readonly IClock _clock;
        private readonly CanObdOptions _options;
        private readonly string _protocolName;

        private readonly CanFrame _tx = new CanFrame();
        private readonly CanFrame _rx = new CanFrame();
        private readonly CanFrame _flowControl = new CanFrame();
        private readonly IsoTpSender _sender;
        private readonly EcuReception[] _receptions = new EcuReception[MaxEcus];

        /// <summary>Swallows answers that find the response set full, so their frames are still consumed.</summary>
        private readonly EcuResponse _overflowSink = new EcuResponse(0);

        private int _used;
        private int _completed;
        private long _quietUntil;

        public CanObdTransport(ICanPort port, IClock clock, CanObdOptions options)
        {
            _port = port;
            _clock = clock;
            _options = options;
            _protocolName = string.Concat(
                "ISO 15765-4 (CAN ", options.ExtendedIds ? "29" : "11", "/", options.BitRateKbps.ToString(), ")");
            _sender = new IsoTpSender(options.FlowControlTimeoutMs, options.MaxFlowControlWaits, options.PadByte);
            for (int i = 0; i < MaxEcus; i++)
            {
                _receptions[i] = new EcuReception(new IsoTpReceiver(
                    options.BlockSize, options.SeparationTime, options.ConsecutiveFrameTimeoutMs, options.PadByte));
            }
        }

        public string ProtocolName
        {
            get { return _protocolName; }
        }

        public bool IsCan
        {
            get { return true; }
        }

        /// <summary>Service 01 takes up to six PIDs per request on CAN (J1979).</summary>
        public int MaxPidsPerRequest
        {
            get { return 6; }
        }

        public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
        {
            responses.Reset();
            try
            {
                responses.Status = Exchange(targetEcu, request, length, expectedResponses, responses);
            }
            catch (Exception)
            {
                // The CAN driver failed underneath us; the caller gets a status, never an exception.
                responses.Status = ObdStatus.BusError;
            }
        }

        private ObdStatus Exchange(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
        {
            bool functional = targetEcu == ObdAddressing.Functional;

            // Flow control cannot come back from many ECUs at once, so functional requests must fit one frame.
            if (length < 1 || length > request.Length ||
                (functional && length > IsoTpFrame.SingleFrameCapacity) ||
                (!functional && !IsResponseId(targetEcu)))
            {
                return ObdStatus.Rejected;
            }

            uint requestId = functional ? FunctionalRequestId() : ObdAddressing.PhysicalRequestFor(targetEcu);
            ObdStatus sent = Send(requestId, targetEcu, request, length);
            if (sent != ObdStatus.Ok)
            {
                return sent;
            }

            Collect(targetEcu, functional ? expectedResponses : 1, responses);
            return Conclude(responses);
        }

        private ObdStatus Send(uint requestId, uint targetEcu, byte[] request, int length)
        {
            long now = _clock.NowMilliseconds;
            if (!_sender.Start(request, length, now))
            {
                return ObdStatus.Rejected;
            }

            while (true)
            {
                if (_sender.NextFrame(_tx, now))
                {
                    _tx.Id = requestId;
                    _tx.IsExtended = _options.ExtendedIds;
                    _port.Send(_tx);
                    continue;
                }

                if (_sender.State == IsoTpSendState.Done)
                {
                    return ObdStatus.Ok;
                }

                if (!_sender.IsActive)
                {
                    return StatusFor(_sender.Error);
                }

                long wait = _sender.NextActionAt - now;
                if (wait > 0 && _port.Receive(_rx, (int)wait) && _rx.Id == targetEcu && _rx.IsExtended == _options.ExtendedIds)
                {
                    _sender.OnFlowControl(_rx, _clock.NowMilliseconds);
                }

                now = _clock.NowMilliseconds;
            }
        }

        private static ObdStatus StatusFor(IsoTpError error)
        {
            if (error == IsoTpError.Overflow)
            {
                return ObdStatus.Rejected;
            }

            if (error == IsoTpError.Timeout || error == IsoTpError.TooManyWaits)
            {
                return ObdStatus.Timeout;
            }

            return ObdStatus.Garbled;
        }

        private void Collect(uint targetEcu, int expectedResponses, ObdResponseSet responses)
        {
            _used = 0;
            _completed = 0;
            long now = _clock.NowMilliseconds;
            _quietUntil = now + _options.ResponseTimeoutMs;
            while (true)
            {
                ExpireBrokenTransfers(now);
                if (expectedResponses > 0 && _completed >= expectedResponses)
                {
                    return;
                }

                long end = WaitEnd();
                if (now >= end)
                {
                    return;
                }

                if (_port.Receive(_rx, (int)(end - now)))
                {
                    now = _clock.NowMilliseconds;
                    Take(_rx, targetEcu, responses, now);
                }
                else
                {
                    now = _clock.NowMilliseconds;
                }
            }
        }

        private void ExpireBrokenTransfers(long now)
        {
            for (int i = 0; i < _used; i++)
            {
                EcuReception reception = _receptions[i];
                if (reception.Phase == EcuPhase.Receiving && reception.Receiver.CheckTimeout(now))
                {
                    reception.Phase = EcuPhase.Broken;
                }
            }
        }

        /// <summary>The end of the quiet window, pushed back by any ECU still owing frames or a pending answer.</summary>
        private long WaitEnd()
        {
            long end = _quietUntil;
            for (int i = 0; i < _used; i++)
            {
                EcuReception reception = _receptions[i];
                if (reception.IsOwed && reception.Deadline > end)
                {
                    end = reception.Deadline;
                }
            }

            return end;
        }

        private void Take(CanFrame frame, uint targetEcu, ObdResponseSet responses, long now)
        {
            uint ecuId = frame.Id;
            bool fromEcu = targetEcu == ObdAddressing.Functional ? IsResponseId(ecuId) : ecuId == targetEcu;
            if (!fromEcu || frame.IsExtended != _options.ExtendedIds)
            {
                return;
            }

            EcuReception? reception = ReceptionFor(ecuId);
            if (reception == null || reception.Phase == EcuPhase.Complete)
            {
                return;
            }

            int kind = IsoTpFrame.KindOf(frame);
            if (kind == IsoTpFrame.SingleFrame || kind == IsoTpFrame.FirstFrame)
            {
                reception.Target = responses.For(ecuId);
            }

            EcuResponse target = reception.Target ?? _overflowSink;
            IsoTpReceiveResult result = reception.Receiver.Accept(frame, target, now, _flowControl);
            if (result == IsoTpReceiveResult.Ignored)
            {
                return;
            }

            _quietUntil = now + _options.ResponseTimeoutMs;
            if (result == IsoTpReceiveResult.SendFlowControl)
            {
                _flowControl.Id = ObdAddressing.PhysicalRequestFor(ecuId);
                _flowControl.IsExtended = _options.ExtendedIds;
                _port.Send(_flowControl);
                reception.Phase = EcuPhase.Receiving;
            }
            else if (result == IsoTpReceiveResult.Receiving)
            {
                reception.Phase = EcuPhase.Receiving;
            }
            else if (result == IsoTpReceiveResult.Failed)
            {
                reception.Phase = EcuPhase.Broken;
            }
            else if (IsResponsePending(target))
            {
                reception.Phase = EcuPhase.Pending;
                reception.PendingDeadline = now + _options.ResponsePendingTimeoutMs;
            }
            else
            {
                reception.Phase = EcuPhase.Complete;
                _completed++;
            }
        }

        /// <summary>The reception of <paramref name="ecuId"/>, starting one if needed; null when all are taken.</summary>
        private EcuReception? ReceptionFor(uint ecuId)
        {
            for (int i = 0; i < _used; i++)
            {
                if (_receptions[i].EcuId == ecuId)
                {
                    return _receptions[i];
                }
            }

            if (_used == MaxEcus)
            {
                return null;
            }

            EcuReception fresh = _receptions[_used++];
            fresh.Begin(ecuId);
            return fresh;
        }

        /// <summary>Drops unfinished answers from the set and decides the status.</summary>
        private ObdStatus Conclude(ObdResponseSet responses)
        {
            bool broken = false;
            bool pending = false;
            for (int i = 0; i < _used; i++)
            {
                EcuReception reception = _receptions[i];
                if (reception.Phase == EcuPhase.Complete)
                {
                    continue;
                }

                if (reception.Phase == EcuPhase.Pending)
                {
                    pending = true;
                }
                else if (reception.Phase == EcuPhase.Broken || reception.Target != null)
                {
                    broken = true;
                }

                if (reception.Target != null)
                {
                    responses.Remove(reception.EcuId);
                }
            }

            if (_completed > 0)
            {
                return ObdStatus.Ok;
            }

            if (broken)
            {
                return ObdStatus.Garbled;
            }

            return pending ? ObdStatus.Timeout : ObdStatus.NoData;
        }

        private static bool IsResponsePending(EcuResponse response)
        {
            return response.Length >= 3 && response.Data[0] == 0x7F && response.Data[2] == ResponsePendingCode;
        }

        private bool IsResponseId(uint id)
        {
            return _options.ExtendedIds ? ObdAddressing.IsPhysicalResponse29Bit(id) : ObdAddressing.IsPhysicalResponse11Bit(id);
        }

        private uint FunctionalRequestId()
        {
            return _options.ExtendedIds ? ObdAddressing.FunctionalRequest29Bit : ObdAddressing.FunctionalRequest11Bit;
        }
    }
}
