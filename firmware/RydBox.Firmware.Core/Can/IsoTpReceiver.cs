using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Can
{
    /// <summary>
    /// Reassembles one peer's ISO-TP messages (single frame, or first frame and consecutive frames)
    /// into an <see cref="EcuResponse"/>. It never touches the bus: it hands back the flow control
    /// frame for the caller to address and send, so the tester and simulated ECUs can share it.
    /// </summary>
    public sealed class IsoTpReceiver
    {
        private readonly byte _blockSize;
        private readonly byte _separationTime;
        private readonly int _consecutiveFrameTimeoutMs;
        private readonly byte _padByte;

        private EcuResponse? _target;
        private int _expected;
        private int _received;
        private int _nextSequence;
        private int _framesInBlock;

        /// <param name="blockSize">Consecutive frames the sender may send per flow control; 0 = all.</param>
        /// <param name="separationTime">STmin asked of the sender, coded as on the wire.</param>
        /// <param name="consecutiveFrameTimeoutMs">N_Cr: longest wait for the next consecutive frame.</param>
        public IsoTpReceiver(byte blockSize, byte separationTime, int consecutiveFrameTimeoutMs, byte padByte)
        {
            _blockSize = blockSize;
            _separationTime = separationTime;
            _consecutiveFrameTimeoutMs = consecutiveFrameTimeoutMs;
            _padByte = padByte;
        }

        /// <summary>True between a first frame and the last consecutive frame.</summary>
        public bool IsReceiving
        {
            get { return _target != null; }
        }

        /// <summary>When the next consecutive frame is overdue (meaningful while receiving).</summary>
        public long Deadline { get; private set; }

        /// <summary>Why the last <see cref="IsoTpReceiveResult.Failed"/> happened.</summary>
        public IsoTpError Error { get; private set; }

        /// <summary>Message length announced by the first frame (the target may hold less).</summary>
        public int ExpectedLength
        {
            get { return _expected; }
        }

        public void Reset()
        {
            _target = null;
            Error = IsoTpError.None;
        }

        /// <summary>
        /// Takes one frame from the peer. A single or first frame starts a new message in
        /// <paramref name="into"/> (abandoning any unfinished one); consecutive frames continue the
        /// current message and ignore <paramref name="into"/>. On
        /// <see cref="IsoTpReceiveResult.SendFlowControl"/> the data of <paramref name="flowControl"/>
        /// is ready; only its identifier is left to set.
        /// </summary>
        public IsoTpReceiveResult Accept(CanFrame frame, EcuResponse into, long now, CanFrame flowControl)
        {
            int kind = IsoTpFrame.KindOf(frame);
            if (kind == IsoTpFrame.SingleFrame)
            {
                return AcceptSingle(frame, into);
            }

            if (kind == IsoTpFrame.FirstFrame)
            {
                return AcceptFirst(frame, into, now, flowControl);
            }

            if (kind == IsoTpFrame.ConsecutiveFrame)
            {
                return AcceptConsecutive(frame, now, flowControl);
            }

            if (kind == IsoTpFrame.FlowControl)
            {
                return IsoTpReceiveResult.Ignored;
            }

            return Fail(IsoTpError.BadPci);
        }

        /// <summary>Abandons the message when N_Cr has run out; true if it did.</summary>
        public bool CheckTimeout(long now)
        {
            if (_target == null || now < Deadline)
            {
                return false;
            }

            Fail(IsoTpError.Timeout);
            return true;
        }

        private IsoTpReceiveResult AcceptSingle(CanFrame frame, EcuResponse into)
        {
            _target = null;
            int length = frame.Data[0] & 0x0F;
            if (length == 0 || length > IsoTpFrame.SingleFrameCapacity || length > frame.Length - 1)
            {
                return Fail(IsoTpError.BadLength);
            }

            Clear(into);
            for (int i = 1; i <= length; i++)
            {
                into.Append(frame.Data[i]);
            }

            Error = IsoTpError.None;
            return IsoTpReceiveResult.Complete;
        }

        private IsoTpReceiveResult AcceptFirst(CanFrame frame, EcuResponse into, long now, CanFrame flowControl)
        {
            _target = null;
            int length = ((frame.Data[0] & 0x0F) << 8) | frame.Data[1];

            // Shorter messages must travel as single frames; a first frame is always full.
            if (frame.Length < CanFrame.MaxDataLength || length <= IsoTpFrame.SingleFrameCapacity)
            {
                return Fail(IsoTpError.BadLength);
            }

            Clear(into);
            for (int i = 2; i < CanFrame.MaxDataLength; i++)
            {
                into.Append(frame.Data[i]);
            }

            _target = into;
            _expected = length;
            _received = IsoTpFrame.FirstFrameCapacity;
            _nextSequence = 1;
            return StartBlock(now, flowControl);
        }

        private IsoTpReceiveResult AcceptConsecutive(CanFrame frame, long now, CanFrame flowControl)
        {
            EcuResponse? target = _target;
            if (target == null)
            {
                return Fail(IsoTpError.UnexpectedConsecutiveFrame);
            }

            if ((frame.Data[0] & 0x0F) != _nextSequence)
            {
                return Fail(IsoTpError.WrongSequence);
            }

            int count = _expected - _received;
            if (count > IsoTpFrame.ConsecutiveFrameCapacity)
            {
                count = IsoTpFrame.ConsecutiveFrameCapacity;
            }

            if (frame.Length - 1 < count)
            {
                return Fail(IsoTpError.BadLength);
            }

            for (int i = 1; i <= count; i++)
            {
                target.Append(frame.Data[i]);
            }

            _received += count;
            _nextSequence = (_nextSequence + 1) & 0x0F;
            if (_received == _expected)
            {
                _target = null;
                Error = IsoTpError.None;
                return IsoTpReceiveResult.Complete;
            }

            if (_blockSize != 0 && ++_framesInBlock == _blockSize)
            {
                return StartBlock(now, flowControl);
            }

            Deadline = now + _consecutiveFrameTimeoutMs;
            return IsoTpReceiveResult.Receiving;
        }

        private IsoTpReceiveResult StartBlock(long now, CanFrame flowControl)
        {
            _framesInBlock = 0;
            Deadline = now + _consecutiveFrameTimeoutMs;
            IsoTpFrame.WriteFlowControl(flowControl, IsoTpFrame.ContinueToSend, _blockSize, _separationTime, _padByte);
            return IsoTpReceiveResult.SendFlowControl;
        }

        private static void Clear(EcuResponse into)
        {
            into.Length = 0;
            into.Truncated = false;
        }

        private IsoTpReceiveResult Fail(IsoTpError error)
        {
            _target = null;
            Error = error;
            return IsoTpReceiveResult.Failed;
        }
    }
}
