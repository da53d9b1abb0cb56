using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Can
{
    /// <summary>
    /// ISO 15765-2 protocol control information (PCI) on classic 8-byte CAN frames: the frame
    /// kinds, flow statuses and separation-time coding shared by <see cref="IsoTpSender"/> and
    /// <see cref="IsoTpReceiver"/>.
    /// </summary>
    public static class IsoTpFrame
    {
        /// <summary>The 12-bit first-frame length field of classic ISO-TP.</summary>
        public const int MaxPayloadLength = 4095;

        public const int SingleFrameCapacity = 7;
        public const int FirstFrameCapacity = 6;
        public const int ConsecutiveFrameCapacity = 7;

        /// <summary>Bosch's recommended filler (also Zephyr's and EDS's); ECUs often use 0x55 or 0xAA.</summary>
        public const byte DefaultPadByte = 0xCC;

        public const int SingleFrame = 0x00;
        public const int FirstFrame = 0x10;
        public const int ConsecutiveFrame = 0x20;
        public const int FlowControl = 0x30;

        /// <summary>Returned by <see cref="KindOf"/> for an empty frame, which carries no PCI.</summary>
        public const int NoPci = -1;

        public const byte ContinueToSend = 0;
        public const byte Wait = 1;
        public const byte Overflow = 2;

        /// <summary>The high nibble of the first byte (SingleFrame, FirstFrame...), or <see cref="NoPci"/>.</summary>
        public static int KindOf(CanFrame frame)
        {
            return frame.Length < 1 ? NoPci : frame.Data[0] & 0xF0;
        }

        /// <summary>
        /// STmin in microseconds: 0x00-0x7F are milliseconds, 0xF1-0xF9 are 100-900 µs, and every
        /// reserved value counts as the longest legal gap (127 ms), as ISO 15765-2 tells a sender to do.
        /// </summary>
        public static int SeparationTimeMicroseconds(byte stMin)
        {
            if (stMin <= 0x7F)
            {
                return stMin * 1000;
            }

            if (stMin >= 0xF1 && stMin <= 0xF9)
            {
                return (stMin - 0xF0) * 100;
            }

            return 0x7F * 1000;
        }

        /// <summary>
        /// How many clock milliseconds to leave between consecutive frames for <paramref name="stMin"/>.
        /// The clock counts whole milliseconds, so two readings one apart may be almost no real time
        /// apart: one extra millisecond guarantees the gap (sub-millisecond STmin thus becomes 2 ms,
        /// which is allowed, STmin being a minimum).
        /// </summary>
        public static int SeparationGapMilliseconds(byte stMin)
        {
            int micros = SeparationTimeMicroseconds(stMin);
            if (micros == 0)
            {
                return 0;
            }

            return (micros + 999) / 1000 + 1;
        }

        /// <summary>Sets the frame to 8 bytes, filling everything after <paramref name="used"/> with <paramref name="pad"/>.</summary>
        public static void Pad(CanFrame frame, int used, byte pad)
        {
            for (int i = used; i < CanFrame.MaxDataLength; i++)
            {
                frame.Data[i] = pad;
            }

            frame.Length = CanFrame.MaxDataLength;
        }

        /// <summary>Writes a padded flow control frame's data; the caller sets the identifier.</summary>
        public static void WriteFlowControl(CanFrame frame, byte status, byte blockSize, byte stMin, byte pad)
        {
            frame.Data[0] = (byte)(FlowControl | status);
            frame.Data[1] = blockSize;
            frame.Data[2] = stMin;
            Pad(frame, 3, pad);
        }
    }
}
