namespace RydBox.Firmware.Can
{
    /// <summary>Settings of <see cref="CanObdTransport"/>; the defaults suit a legislated OBD-II bus at 500 kbit/s.</summary>
    public sealed class CanObdOptions
    {
        /// <summary>29-bit identifiers (18DB33F1 / 18DAF1xx) instead of 11-bit (7DF / 7E8-7EF).</summary>
        public bool ExtendedIds;

        /// <summary>The bus bit rate, only for <see cref="CanObdTransport.ProtocolName"/>; the port is already set to it.</summary>
        public int BitRateKbps = 500;

        /// <summary>
        /// P2: how long to wait for the first answer and, after each frame, for anything further.
        /// J1979 gives 50 ms; slow ECUs may need 100-150 ms.
        /// </summary>
        public int ResponseTimeoutMs = 50;

        /// <summary>P2*: how long an ECU that sent 7F xx 78 (response pending) gets for its real answer.</summary>
        public int ResponsePendingTimeoutMs = 5000;

        /// <summary>N_Bs: how long to wait for an ECU's flow control while sending a long request (ISO 15765-4: 75 ms).</summary>
        public int FlowControlTimeoutMs = 75;

        /// <summary>N_Cr: how long to wait for an ECU's next consecutive frame (ISO 15765-4: 150 ms).</summary>
        public int ConsecutiveFrameTimeoutMs = 150;

        /// <summary>Block size sent in our flow control; ISO 15765-4 has testers send 0 (no further flow control).</summary>
        public byte BlockSize;

        /// <summary>STmin sent in our flow control, coded as on the wire; ISO 15765-4 has testers send 0.</summary>
        public byte SeparationTime;

        /// <summary>Filler for unused bytes: ISO 15765-4 frames always carry 8 data bytes.</summary>
        public byte PadByte = IsoTpFrame.DefaultPadByte;

        /// <summary>Flow control Wait frames tolerated in a row while sending a long request.</summary>
        public int MaxFlowControlWaits = 10;
    }
}
