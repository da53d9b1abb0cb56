namespace RydBox.Firmware.Obd.Services
{
    /// <summary>The mode 01 PIDs one ECU reports as supported, from its 00/20/40/… bitmaps.</summary>
    public sealed class SupportedPids
    {
        /// <summary>The bitmap PIDs, each reporting the 32 PIDs after it.</summary>
        public static readonly byte[] BitmapPids = { 0x00, 0x20, 0x40, 0x60, 0x80, 0xA0, 0xC0, 0xE0 };

        private readonly byte[] _bits = new byte[32];

        /// <summary>The ECU's response address (0x7E8, 0x18DAF110, K-line source byte).</summary>
        public uint EcuId;

        public bool IsSupported(int pid)
        {
            if (pid < 0 || pid > 0xFF)
            {
                return false;
            }

            return (_bits[pid >> 3] & (0x80 >> (pid & 7))) != 0;
        }

        /// <summary>Number of PIDs marked supported, bitmap PIDs included.</summary>
        public int Count
        {
            get
            {
                int count = 0;
                for (int pid = 0; pid <= 0xFF; pid++)
                {
                    if (IsSupported(pid))
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < _bits.Length; i++)
            {
                _bits[i] = 0;
            }
        }

        /// <summary>
        /// Records the answer to bitmap PID <paramref name="bitmapPid"/>: bit 7 of byte A means
        /// PID bitmapPid+1, bit 0 of byte D means bitmapPid+32. The bitmap PID itself is marked too,
        /// since the ECU answered it.
        /// </summary>
        public void ApplyBitmap(int bitmapPid, byte[] data, int offset)
        {
            Set(bitmapPid);
            for (int bit = 0; bit < 32; bit++)
            {
                if ((data[offset + (bit >> 3)] & (0x80 >> (bit & 7))) != 0)
                {
                    Set(bitmapPid + 1 + bit);
                }
            }
        }

        private void Set(int pid)
        {
            if (pid >= 0 && pid <= 0xFF)
            {
                _bits[pid >> 3] |= (byte)(0x80 >> (pid & 7));
            }
        }
    }
}
