namespace RydBox.Firmware.Wire
{
    /// <summary>The commands v1 defines (WIRE-FORMAT.md, "Commands"); a box answers others with "unknown_command".</summary>
    public static class CommandNames
    {
        /// <summary>No arguments; answered at once, to check the round trip.</summary>
        public const string Ping = "ping";

        /// <summary>Arguments are configuration keys and their new values.</summary>
        public const string SetConfig = "set_config";

        /// <summary>Reads stored trouble codes; the result lists them as text, e.g. "P0301".</summary>
        public const string ReadDtcs = "read_dtcs";

        /// <summary>Clears trouble codes (mode 04).</summary>
        public const string ClearDtcs = "clear_dtcs";

        private static readonly string[] Known = { Ping, SetConfig, ReadDtcs, ClearDtcs };

        /// <summary>The constant for a known name held in <paramref name="chars"/>, so parsing one allocates nothing; else null.</summary>
        public static string? Find(char[] chars, int count)
        {
            for (int i = 0; i < Known.Length; i++)
            {
                if (Equal(Known[i], chars, count))
                {
                    return Known[i];
                }
            }

            return null;
        }

        private static bool Equal(string name, char[] chars, int count)
        {
            if (name.Length != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (name[i] != chars[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
