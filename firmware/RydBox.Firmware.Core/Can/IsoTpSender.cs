using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Can
{
    /// <summary>
    /// Cuts one message into ISO-TP frames and paces them by the receiver's flow control (block
    /// size, STmin, Wait, Overflow). It never touches the bus: the caller asks for the next frame
    /// when <see cref="NextActionAt"/> comes, sends it, and feeds back the flow control frames it
    /// receives, so the tester and simulated ECUs can share it.
    /// </summary>
    public sealed class IsoTpSender
    {
        private readonly int _flowControlTimeoutMs;
        private readonly int _maxWaits;
        private readonly byte _padByte;

        private byte[] _payload = new byte[0];
        private int _length;
        private int _offset;
        private int _nextSequence;
        private int _blockSize;
        private int _framesLeftInBlock;
        private int _gapMs;
        private int _waits;

        /// <param name="flowControlTimeoutMs">N_Bs: longest wait for a flow control frame.</param>
        /// <param name="maxWaits">How many flow control Wait frames in a row are tolerated.</param>
        public IsoTpSender(int flowControlTimeoutMs, int maxWaits, byte padByte)
        {
            _flowControlTimeoutMs = flowControlTimeoutMs;
            _maxWaits = maxWaits;
            _padByte = padByte;
        }

        public IsoTpSendState State { get; private set; }

        public IsoTpError Error { get; private set; }

        /// <summary>When the next frame is due (Sending) or flow control is overdue (WaitingForFlowControl).</summary>
        public long NextActionAt { get; private set; }

        /// <summary>True while frames remain to be sent or flow control is awaited.</summary>
        public bool IsActive
        {
            get { return State == IsoTpSendState.Sending || State == IsoTpSendState.WaitingForFlowControl; }
        }

        /// <summary>
        /// Starts sending the first <paramref name="length"/> bytes of <paramref name="payload"/>,
        /// which must stay unchanged until the transfer ends. Returns false (state Failed) for an
        /// empty or over-long payload.
        /// </summary>
        public bool Start(byte[] payload, int length, long now)
        {
            if (length < 1 || length > IsoTpFrame.MaxPayloadLength || length > payload.Length)
            {
                State = IsoTpSendState.Failed;
                Error = IsoTpError.PayloadLength;
                return false;
            }

            _payload = payload;
            _length = length;
            _offset = 0;
            _waits = 0;
            Error = IsoTpError.None;
            State = IsoTpSendState.Sending;
            NextActionAt = now;
            return true;
        }

        /// <summary>
        /// Writes the frame that is due by <paramref name="now"/> into <paramref name="into"/> (data
        /// and length; the caller sets the identifier) and returns true; returns false when nothing is
        /// due yet. Also ends the transfer when flow control is overdue.
        /// </summary>
        public bool NextFrame(CanFrame into, long now)
        {
            if (State == IsoTpSendState.WaitingForFlowControl && now >= NextActionAt)
            {
                State = IsoTpSendState.Failed;
                Error = IsoTpError.Timeout;
                return false;
            }

            if (State != IsoTpSendState.Sending || now < NextActionAt)
            {
                return false;
            }

            if (_offset == 0)
            {
                WriteFirstOrSingle(into, now);
            }
            else
            {
                WriteConsecutive(into, now);
            }

            return true;
        }

        /// <summary>Takes a flow control frame from the receiver; anything else is ignored.</summary>
        public void OnFlowControl(CanFrame frame, long now)
        {
            if (State != IsoTpSendState.WaitingForFlowControl || IsoTpFrame.KindOf(frame) != IsoTpFrame.FlowControl)
            {
                return;
            }

            int status = frame.Data[0] & 0x0F;
            if (status == IsoTpFrame.ContinueToSend && frame.Length >= 3)
            {
                _blockSize = frame.Data[1];
                _framesLeftInBlock = _blockSize;
                _gapMs = IsoTpFrame.SeparationGapMilliseconds(frame.Data[2]);
                _waits = 0;
                State = IsoTpSendState.Sending;
                NextActionAt = now;
            }
            else if (status == IsoTpFrame.Wait)
            {
                if (++_waits > _maxWaits)
                {
                    Fail(IsoTpError.TooManyWaits);
                }
                else
                {
                    NextActionAt = now + _flowControlTimeoutMs;
                }
            }
            else if (status == IsoTpFrame.Overflow)
            {
                Fail(IsoTpError.Overflow);
            }
            else
            {
                Fail(IsoTpError.BadPci);
            }
        }

        private void WriteFirstOrSingle(CanFrame into, long now)
        {
            if (_length <= IsoTpFrame.SingleFrameCapacity)
            {
                into.Data[0] = (byte)(IsoTpFrame.SingleFrame | _length);
                Copy(into, 1, _length);
                State = IsoTpSendState.Done;
                return;
            }

            into.Data[0] = (byte)(IsoTpFrame.FirstFrame | (_length >> 8));
            into.Data[1] = (byte)_length;
            Copy(into, 2, IsoTpFrame.FirstFrameCapacity);
            _nextSequence = 1;
            AwaitFlowControl(now);
        }

        private void WriteConsecutive(CanFrame into, long now)
        {
            int count = _length - _offset;
            if (count > IsoTpFrame.ConsecutiveFrameCapacity)
            {
                count = IsoTpFrame.ConsecutiveFrameCapacity;
            }

            into.Data[0] = (byte)(IsoTpFrame.ConsecutiveFrame | _nextSequence);
            Copy(into, 1, count);
            _nextSequence = (_nextSequence + 1) & 0x0F;
            if (_offset == _length)
            {
                State = IsoTpSendState.Done;
            }
            else if (_blockSize != 0 && --_framesLeftInBlock == 0)
            {
                AwaitFlowControl(now);
            }
            else
            {
                NextActionAt = now + _gapMs;
            }
        }

        private void Copy(CanFrame into, int at, int count)
        {
            for (int i = 0; i < count; i++)
            {
                into.Data[at + i] = _payload[_offset++];
            }

            IsoTpFrame.Pad(into, at + count, _padByte);
        }

        private void AwaitFlowControl(long now)
        {
            State = IsoTpSendState.WaitingForFlowControl;
            NextActionAt = now + _flowControlTimeoutMs;
        }

        private void Fail(IsoTpError error)
        {
            State = IsoTpSendState.Failed;
            Error = error;
        }
    }
}
