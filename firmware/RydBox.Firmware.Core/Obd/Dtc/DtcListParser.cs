namespace RydBox.Firmware.Obd.Dtc
{
    /// <summary>Reads the trouble codes of a mode 03 (stored), 07 (pending) or 0A (permanent) response.</summary>
    public static class DtcListParser
    {
        /// <param name="payload">One ECU's response from the service byte on (43/47/4A).</param>
        /// <param name="length">Bytes of <paramref name="payload"/> in use.</param>
        /// <param name="canFormat">
        /// True for ISO 15765 (CAN): a count byte follows the service byte. Other protocols send
        /// codes straight after it and pad the last frame with 00 00, which is skipped.
        /// </param>
        /// <param name="into">Cleared, then filled; left empty unless the status is Ok or Overflow.</param>
        public static DtcParseStatus Parse(byte[] payload, int length, bool canFormat, DtcList into)
        {
            into.Clear();
            int header = canFormat ? 2 : 1;
            if (payload == null || length < header || length > payload.Length)
            {
                return DtcParseStatus.TooShort;
            }

            if (!IsDtcResponseService(payload[0]))
            {
                return DtcParseStatus.WrongService;
            }

            int codeBytes = length - header;
            if ((codeBytes & 1) != 0)
            {
                return DtcParseStatus.OddLength;
            }

            if (canFormat && payload[1] != codeBytes / 2)
            {
                return DtcParseStatus.CountMismatch;
            }

            for (int i = header; i < length; i += 2)
            {
                ushort raw = DtcCode.Combine(payload[i], payload[i + 1]);
                if (raw != 0 || canFormat)
                {
                    into.Add(raw);
                }
            }

            return into.Overflowed ? DtcParseStatus.Overflow : DtcParseStatus.Ok;
        }

        private static bool IsDtcResponseService(byte service)
        {
            return service == 0x43 || service == 0x47 || service == 0x4A;
        }
    }
}
