namespace RydBox.Firmware.Elm327
{
    /// <summary>Allocation-free comparisons and hex decoding on ASCII bytes from the adapter.</summary>
    internal static class Elm327Text
    {
        private const byte Cr = 0x0D;

        /// <summary>0 to 15 for a hex digit (either case), otherwise -1.</summary>
        public static int HexValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }

        public static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'A' + value - 10);
        }

        public static int ToUpper(int c)
        {
            return c >= 'a' && c <= 'z' ? c - 32 : c;
        }

        public static int LastLineStart(byte[] text, int length)
        {
            int i = length;
            while (i > 0 && text[i - 1] != Cr)
            {
                i--;
            }

            return i;
        }

        /// <summary>True when text[start, start+length) is <paramref name="expected"/>, ignoring case and spaces.</summary>
        public static bool EqualsIgnoringSpaces(byte[] text, int start, int length, string expected)
        {
            int matched = MatchPrefixIgnoringSpaces(text, start, length, expected);
            if (matched < 0)
            {
                return false;
            }

            for (int i = start + matched; i < start + length; i++)
            {
                if (text[i] != ' ')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// How many bytes of text[start, start+length) the whole of <paramref name="expected"/> spans,
        /// ignoring case and spaces on both sides; -1 when the text does not start with it.
        /// </summary>
        public static int MatchPrefixIgnoringSpaces(byte[] text, int start, int length, string expected)
        {
            int end = start + length;
            int t = start;
            for (int e = 0; e < expected.Length; e++)
            {
                if (expected[e] == ' ')
                {
                    continue;
                }

                while (t < end && text[t] == ' ')
                {
                    t++;
                }

                if (t == end || ToUpper(text[t]) != ToUpper(expected[e]))
                {
                    return -1;
                }

                t++;
            }

            return t - start;
        }

        /// <summary>True when <paramref name="expected"/> occurs in the range, ignoring case and spaces.</summary>
        public static bool ContainsIgnoringSpaces(byte[] text, int start, int length, string expected)
        {
            for (int i = start; i < start + length; i++)
            {
                if (MatchPrefixIgnoringSpaces(text, i, start + length - i, expected) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// When text[0, length) ends with suffix (ignoring spaces and case), the number of bytes before
        /// it; otherwise -1.
        /// </summary>
        public static int PrefixBeforeSuffixIgnoringSpaces(byte[] text, int length, byte[] suffix, int suffixLength)
        {
            int t = length;
            for (int s = suffixLength - 1; s >= 0; s--)
            {
                if (suffix[s] == ' ')
                {
                    continue;
                }

                while (t > 0 && text[t - 1] == ' ')
                {
                    t--;
                }

                if (t == 0 || ToUpper(text[t - 1]) != ToUpper(suffix[s]))
                {
                    return -1;
                }

                t--;
            }

            while (t > 0 && text[t - 1] == ' ')
            {
                t--;
            }

            return t;
        }

        public static bool IsHexOrSpaceOnly(byte[] text, int start, int length)
        {
            for (int i = start; i < start + length; i++)
            {
                if (text[i] != ' ' && HexValue(text[i]) < 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
