using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// The text lines an ELM327 prints instead of (or around) vehicle data, and what each means.
    /// Matched at the start of a line, ignoring case and spaces (some clones drop the spaces with ATS0).
    /// </summary>
    internal static class Elm327Messages
    {
        /// <summary>Marks a line that carries no data and no error ("SEARCHING...", "BUS INIT: ...OK").</summary>
        public const int Informational = -1;

        /// <summary>Not a message: the line should be data.</summary>
        public const int NotAMessage = -2;

        private static readonly string[] Texts =
        {
            "NO DATA",
            "UNABLE TO CONNECT",
            "CAN ERROR",
            "BUS ERROR",
            "BUS BUSY",
            "FB ERROR",
            "DATA ERROR",
            "<DATA ERROR",
            "<RX ERROR",
            "RX ERROR",
            "STOPPED",
            "BUFFER FULL",
            "OK",
        };

        private static readonly int[] Meanings =
        {
            (int)ObdStatus.NoData,
            (int)ObdStatus.UnableToConnect,
            (int)ObdStatus.BusError,
            (int)ObdStatus.BusError,
            (int)ObdStatus.BusError,
            (int)ObdStatus.BusError,
            (int)ObdStatus.Garbled,
            (int)ObdStatus.Garbled,
            (int)ObdStatus.Garbled,
            (int)ObdStatus.Garbled,
            (int)ObdStatus.Stopped,
            (int)ObdStatus.BufferFull,
            Informational,
        };

        /// <summary>
        /// The <see cref="ObdStatus"/> (as int) a message line stands for, <see cref="Informational"/>,
        /// or <see cref="NotAMessage"/>.
        /// </summary>
        public static int Classify(byte[] text, int start, int length)
        {
            if (Elm327Text.MatchPrefixIgnoringSpaces(text, start, length, "BUS INIT") >= 0)
            {
                // "BUS INIT: ...OK" precedes the data on K-line; "BUS INIT: ...ERROR" ends the request.
                return Elm327Text.ContainsIgnoringSpaces(text, start, length, "ERROR")
                    ? (int)ObdStatus.BusError
                    : Informational;
            }

            if (Elm327Text.EqualsIgnoringSpaces(text, start, length, "?"))
            {
                return (int)ObdStatus.Rejected;
            }

            if (IsInternalError(text, start, length))
            {
                return (int)ObdStatus.BusError;
            }

            for (int i = 0; i < Texts.Length; i++)
            {
                if (Elm327Text.MatchPrefixIgnoringSpaces(text, start, length, Texts[i]) >= 0)
                {
                    return Meanings[i];
                }
            }

            return NotAMessage;
        }

        /// <summary>"ERR94" and friends: the adapter's numbered internal (mostly CAN) faults.</summary>
        private static bool IsInternalError(byte[] text, int start, int length)
        {
            return length >= 5
                && Elm327Text.MatchPrefixIgnoringSpaces(text, start, 3, "ERR") == 3
                && text[start + 3] >= '0' && text[start + 3] <= '9'
                && text[start + 4] >= '0' && text[start + 4] <= '9';
        }
    }
}
