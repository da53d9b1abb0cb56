namespace RydBox.Firmware.Provisioning
{
    /// <summary>
    /// Bytes to text for small ASCII files read from flash (nanoFramework's mscorlib has no
    /// System.Text.Encoding). Bytes above 127 become U+FFFD so that the reader can point at them
    /// instead of silently reading a wrong password.
    /// </summary>
    public static class AsciiText
    {
        public const char Invalid = '\uFFFD';

        /// <summary>Decodes <paramref name="count"/> bytes, skipping a leading UTF-8 byte order mark that editors add.</summary>
        public static string Decode(byte[] bytes, int offset, int count)
        {
            if (count >= 3 && bytes[offset] == 0xEF && bytes[offset + 1] == 0xBB && bytes[offset + 2] == 0xBF)
            {
                offset += 3;
                count -= 3;
            }

            if (count <= 0)
            {
                return string.Empty;
            }

            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                int b = bytes[offset + i];
                chars[i] = b < 0x80 ? (char)b : Invalid;
            }

            return new string(chars, 0, count);
        }
    }
}
