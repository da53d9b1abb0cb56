namespace RydBox.Firmware.Obd.Dtc
{
    /// <summary>
    /// Formats the two bytes of a trouble code as SAE J2012 text: the top two bits pick the system
    /// letter (P, C, B, U), the next two bits the first digit, the remaining twelve bits three hex digits.
    /// </summary>
    public static class DtcCode
    {
        /// <summary>Characters in a formatted code, e.g. "P0301".</summary>
        public const int Length = 5;

        private const string Systems = "PCBU";
        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>The two bytes as one value, first byte high, as <see cref="DtcList"/> stores them.</summary>
        public static ushort Combine(byte first, byte second)
        {
            return (ushort)((first << 8) | second);
        }

        /// <summary>
        /// Writes the five characters of <paramref name="raw"/> at <paramref name="offset"/>.
        /// Returns the count written: 5, or 0 when the buffer is too small.
        /// </summary>
        public static int Format(ushort raw, char[] into, int offset)
        {
            if (into == null || offset < 0 || offset > into.Length - Length)
            {
                return 0;
            }

            into[offset] = Systems[raw >> 14];
            into[offset + 1] = HexDigits[(raw >> 12) & 0x3];
            into[offset + 2] = HexDigits[(raw >> 8) & 0xF];
            into[offset + 3] = HexDigits[(raw >> 4) & 0xF];
            into[offset + 4] = HexDigits[raw & 0xF];
            return Length;
        }

        /// <summary>Convenience for logs and tests; allocates a string.</summary>
        public static string ToText(ushort raw)
        {
            var chars = new char[Length];
            Format(raw, chars, 0);
            return new string(chars, 0, Length);
        }

        public static string ToText(byte first, byte second)
        {
            return ToText(Combine(first, second));
        }
    }
}
