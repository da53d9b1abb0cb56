namespace RydBox.Firmware.Elm327
{
    /// <summary>The ELM327 protocol numbers (AT SP / AT DPN) 1 to C and what they mean.</summary>
    public static class Elm327Protocols
    {
        private static readonly string[] Names =
        {
            "Unknown",
            "SAE J1850 PWM (41.6 kbaud)",
            "SAE J1850 VPW (10.4 kbaud)",
            "ISO 9141-2 (5 baud init)",
            "ISO 14230-4 KWP (5 baud init)",
            "ISO 14230-4 KWP (fast init)",
            "ISO 15765-4 (CAN 11/500)",
            "ISO 15765-4 (CAN 29/500)",
            "ISO 15765-4 (CAN 11/250)",
            "ISO 15765-4 (CAN 29/250)",
            "SAE J1939 (CAN 29/250)",
            "USER1 CAN (11/125)",
            "USER2 CAN (11/50)",
        };

        public const int Unknown = 0;
        public const int Highest = 0xC;

        /// <summary>The name for people, e.g. "ISO 15765-4 (CAN 11/500)"; "Unknown" outside 1 to C.</summary>
        public static string NameOf(int protocol)
        {
            return protocol > 0 && protocol <= Highest ? Names[protocol] : Names[0];
        }

        /// <summary>6 to C run on CAN; 1 to 5 are J1850, ISO 9141 and KWP.</summary>
        public static bool IsCan(int protocol)
        {
            return protocol >= 6 && protocol <= Highest;
        }

        public static bool Is29Bit(int protocol)
        {
            return protocol == 7 || protocol == 9 || protocol == 0xA;
        }
    }
}
