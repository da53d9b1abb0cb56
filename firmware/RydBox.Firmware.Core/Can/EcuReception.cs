using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Can
{
    /// <summary>Where one ECU is in answering the current request.</summary>
    internal enum EcuPhase
    {
        Receiving,
        /// <summary>It sent 7F xx 78 and owes its real answer by <see cref="EcuReception.PendingDeadline"/>.</summary>
        Pending,
        Complete,
        /// <summary>Its last message broke (lost, garbled or late frames).</summary>
        Broken
    }

    /// <summary>One ECU's progress through one request, reused from request to request.</summary>
    internal sealed class EcuReception
    {
        public readonly IsoTpReceiver Receiver;

        public uint EcuId;
        public EcuPhase Phase;
        public long PendingDeadline;

        /// <summary>Its slot in the response set once a single or first frame has arrived; null before.</summary>
        public EcuResponse? Target;

        public EcuReception(IsoTpReceiver receiver)
        {
            Receiver = receiver;
        }

        public void Begin(uint ecuId)
        {
            EcuId = ecuId;
            Phase = EcuPhase.Receiving;
            Target = null;
            Receiver.Reset();
        }

        /// <summary>True while it could still deliver an answer, so waiting on its account is worth it.</summary>
        public bool IsOwed
        {
            get { return Phase == EcuPhase.Pending || (Phase == EcuPhase.Receiving && Receiver.IsReceiving); }
        }

        /// <summary>The time after which waiting for this ECU is pointless (while <see cref="IsOwed"/>).</summary>
        public long Deadline
        {
            get { return Phase == EcuPhase.Pending ? PendingDeadline : Receiver.Deadline; }
        }
    }
}
