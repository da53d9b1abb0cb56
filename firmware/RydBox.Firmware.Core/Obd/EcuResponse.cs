namespace RydBox.Firmware.Obd
{
    /// <summary>One ECU's complete answer to one request, reassembled if it spanned several frames.</summary>
    public sealed class EcuResponse
    {
        public EcuResponse(int capacity)
        {
            Data = new byte[capacity];
        }

        /// <summary>
        /// The responder's address as it appears on the bus: 0x7E8 (11-bit CAN), 0x18DAF110
        /// (29-bit CAN), or the source byte of a K-line/J1850 header (0x10).
        /// </summary>
        public uint EcuId;

        /// <summary>The payload from the response service byte on, e.g. 41 0C 1A F8.</summary>
        public readonly byte[] Data;

        public int Length;

        /// <summary>True when the ECU's answer did not fit <see cref="Data"/> and was cut.</summary>
        public bool Truncated;

        /// <summary>Appends a byte, or marks the response truncated when it is full.</summary>
        public void Append(byte value)
        {
            if (Length < Data.Length)
            {
                Data[Length++] = value;
            }
            else
            {
                Truncated = true;
            }
        }

        /// <summary>True for an ISO 14229 negative response (7F service code).</summary>
        public bool IsNegative
        {
            get { return Length >= 1 && Data[0] == 0x7F; }
        }
    }
}
