namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// Key names the outbox owns in the shared store. An entry's key carries its slot number
    /// ("ob" + decimal), so the oldest-first order is rebuilt from the key names after a reboot.
    /// </summary>
    internal static class OutboxKeys
    {
        public const string DroppedA = "ob-dropped-a";
        public const string DroppedB = "ob-dropped-b";

        private const char Prefix0 = 'o';
        private const char Prefix1 = 'b';
        private const int MaxDigits = 18;

        /// <summary>Builds the key of <paramref name="slot"/> with one string allocation.</summary>
        public static string ForSlot(long slot, char[] scratch)
        {
            int digits = 0;
            long rest = slot;
            do
            {
                digits++;
                rest /= 10;
            }
            while (rest != 0);

            scratch[0] = Prefix0;
            scratch[1] = Prefix1;
            rest = slot;
            for (int i = digits + 1; i >= 2; i--)
            {
                scratch[i] = (char)('0' + (int)(rest % 10));
                rest /= 10;
            }

            return new string(scratch, 0, digits + 2);
        }

        /// <summary>Enough room for any key <see cref="ForSlot"/> builds.</summary>
        public static char[] NewScratch()
        {
            return new char[MaxDigits + 2];
        }

        /// <summary>True when <paramref name="key"/> names an outbox entry; other keys are not the outbox's business.</summary>
        public static bool TryParseSlot(string key, out long slot)
        {
            slot = 0;
            int length = key.Length;
            if (length < 3 || length > MaxDigits + 2 || key[0] != Prefix0 || key[1] != Prefix1)
            {
                return false;
            }

            for (int i = 2; i < length; i++)
            {
                char c = key[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                slot = slot * 10 + (c - '0');
            }

            return true;
        }
    }
}
