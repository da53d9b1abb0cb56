namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// How one outbox entry is stored under its key: a 20-byte header, then the payload.
    /// <code>
    /// 0  'R' 'O'      magic
    /// 2  version      1
    /// 3  kind         OutboxEntryKind
    /// 4  sequence     int64 little-endian
    /// 12 length       int32 payload bytes
    /// 16 crc          CRC-32 over bytes 0..15 and the payload
    /// 20 payload
    /// </code>
    /// The length and CRC together catch every way power loss tears a write: a truncated or empty
    /// file, a file of the right size whose last pages were never programmed, garbled bytes.
    /// </summary>
    internal static class OutboxRecord
    {
        public const int HeaderLength = 20;

        private const byte Magic0 = 0x52;
        private const byte Magic1 = 0x4F;
        private const byte Version = 1;
        private const int SequenceOffset = 4;
        private const int LengthOffset = 12;
        private const int CrcOffset = 16;

        /// <summary>Fills the header in front of a payload already placed at <see cref="HeaderLength"/>.</summary>
        public static void WriteHeader(byte[] record, OutboxEntryKind kind, long sequence, int payloadLength)
        {
            record[0] = Magic0;
            record[1] = Magic1;
            record[2] = Version;
            record[3] = (byte)kind;
            LittleEndian.WriteInt64(record, SequenceOffset, sequence);
            LittleEndian.WriteInt32(record, LengthOffset, payloadLength);
            LittleEndian.WriteInt32(record, CrcOffset, (int)ComputeCrc(record, payloadLength));
        }

        /// <summary>True when the first <paramref name="storedLength"/> bytes are one whole, intact record.</summary>
        public static bool IsIntact(byte[] record, int storedLength)
        {
            if (storedLength < HeaderLength || record[0] != Magic0 || record[1] != Magic1 || record[2] != Version)
            {
                return false;
            }

            byte kind = record[3];
            if (kind != (byte)OutboxEntryKind.Telemetry && kind != (byte)OutboxEntryKind.Event)
            {
                return false;
            }

            int payloadLength = PayloadLength(record);
            if (payloadLength < 0 || payloadLength != storedLength - HeaderLength)
            {
                return false;
            }

            return (uint)LittleEndian.ReadInt32(record, CrcOffset) == ComputeCrc(record, payloadLength);
        }

        public static OutboxEntryKind Kind(byte[] record)
        {
            return (OutboxEntryKind)record[3];
        }

        public static long Sequence(byte[] record)
        {
            return LittleEndian.ReadInt64(record, SequenceOffset);
        }

        public static int PayloadLength(byte[] record)
        {
            return LittleEndian.ReadInt32(record, LengthOffset);
        }

        private static uint ComputeCrc(byte[] record, int payloadLength)
        {
            uint crc = Crc32.Update(Crc32.Initial, record, 0, CrcOffset);
            return Crc32.Finish(Crc32.Update(crc, record, HeaderLength, payloadLength));
        }
    }
}
