namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// UTF-16 ↔ UTF-8 by hand: nanoFramework's mscorlib has no System.Text.Encoding. Lone
    /// surrogates count as U+FFFD, which is what they are written as.
    /// </summary>
    public static class Utf8
    {
        public static int ByteCount(string text, int offset, int count)
        {
            int bytes = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int c = text[i];
                if (IsPair(c, i + 1 < end ? text[i + 1] : 0))
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    bytes += SizeOf(c);
                }
            }

            return bytes;
        }

        public static int ByteCount(char[] chars, int offset, int count)
        {
            int bytes = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int c = chars[i];
                if (IsPair(c, i + 1 < end ? chars[i + 1] : 0))
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    bytes += SizeOf(c);
                }
            }

            return bytes;
        }

        /// <summary>Bytes of one code point; a lone surrogate counts as U+FFFD (3 bytes).</summary>
        public static int SizeOf(int codePoint)
        {
            if (codePoint < 0x80)
            {
                return 1;
            }

            if (codePoint < 0x800)
            {
                return 2;
            }

            return codePoint < 0x10000 ? 3 : 4;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes of strict UTF-8 into <paramref name="into"/>
        /// (room for count chars is always enough). Returns the chars written, or -1 when the bytes
        /// are not well-formed UTF-8 (overlong, surrogate, beyond U+10FFFF, cut short).
        /// </summary>
        public static int Decode(byte[] data, int offset, int count, char[] into, int intoOffset)
        {
            int end = offset + count;
            int o = intoOffset;
            int i = offset;
            while (i < end)
            {
                int b = data[i++];
                if (b < 0x80)
                {
                    into[o++] = (char)b;
                    continue;
                }

                int following;
                int minimum;
                int c;
                if ((b & 0xE0) == 0xC0)
                {
                    following = 1;
                    minimum = 0x80;
                    c = b & 0x1F;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    following = 2;
                    minimum = 0x800;
                    c = b & 0x0F;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    following = 3;
                    minimum = 0x10000;
                    c = b & 0x07;
                }
                else
                {
                    return -1;
                }

                if (following > end - i)
                {
                    return -1;
                }

                for (int k = 0; k < following; k++)
                {
                    int next = data[i++];
                    if ((next & 0xC0) != 0x80)
                    {
                        return -1;
                    }

                    c = (c << 6) | (next & 0x3F);
                }

                if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
                {
                    return -1;
                }

                if (c >= 0x10000)
                {
                    c -= 0x10000;
                    into[o++] = (char)(0xD800 + (c >> 10));
                    into[o++] = (char)(0xDC00 + (c & 0x3FF));
                }
                else
                {
                    into[o++] = (char)c;
                }
            }

            return o - intoOffset;
        }

        private static bool IsPair(int high, int low)
        {
            return high >= 0xD800 && high <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF;
        }
    }
}
