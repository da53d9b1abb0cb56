using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>The battery voltage at the OBD socket, measured by the adapter (ATRV).</summary>
    public static class Elm327Battery
    {
        public const int TimeoutMs = 1000;

        /// <summary>Millivolts, or -1 when the adapter did not give a voltage.</summary>
        public static int ReadMillivolts(Elm327Link link)
        {
            if (link.Execute("ATRV", TimeoutMs) != ObdStatus.Ok)
            {
                return -1;
            }

            return ParseMillivolts(link.Reply, 0, link.ReplyLength);
        }

        /// <summary>"12.6V", "12.56 V", "0.0V" → millivolts; -1 when there is no number.</summary>
        public static int ParseMillivolts(byte[] text, int start, int length)
        {
            int volts = 0;
            int millis = 0;
            int scale = 100;
            bool digits = false;
            bool fraction = false;
            for (int i = start; i < start + length; i++)
            {
                int c = text[i];
                if (c >= '0' && c <= '9')
                {
                    digits = true;
                    if (!fraction)
                    {
                        volts = volts * 10 + (c - '0');
                        if (volts > 100)
                        {
                            return -1;
                        }
                    }
                    else if (scale > 0)
                    {
                        millis += (c - '0') * scale;
                        scale /= 10;
                    }
                }
                else if (c == '.' && !fraction)
                {
                    fraction = true;
                }
                else if (c != ' ' && c != 'V' && c != 'v')
                {
                    return -1;
                }
            }

            return digits ? volts * 1000 + millis : -1;
        }
    }
}
