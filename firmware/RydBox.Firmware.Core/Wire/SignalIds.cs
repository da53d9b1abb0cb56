namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Numbers that name signals on the wire. Ids below <see cref="FirstObd"/> are the box's own
    /// signals in fixed units; mode 01 signals are numbered from their PID and their place in the
    /// PID table row, so a new PID row needs no new id.
    /// </summary>
    public static class SignalIds
    {
        /// <summary>Degrees × 10^7 (WGS 84).</summary>
        public const int Latitude = 1;

        /// <summary>Degrees × 10^7 (WGS 84).</summary>
        public const int Longitude = 2;

        /// <summary>Ground speed, km/h × 10 (finer steps are below a consumer receiver's noise and cost bytes).</summary>
        public const int GnssSpeed = 3;

        /// <summary>Course over ground, degrees × 10.</summary>
        public const int Course = 4;

        /// <summary>Altitude above mean sea level, dm.</summary>
        public const int Altitude = 5;

        /// <summary>Horizontal dilution of precision × 100.</summary>
        public const int Hdop = 6;

        public const int SatellitesUsed = 7;

        /// <summary>Supply voltage at the OBD socket as the box measures it (ELM327 ATRV), mV.</summary>
        public const int SupplyVoltage = 8;

        public const int FirstObd = 32;

        /// <summary>Signals per PID row the numbering leaves room for.</summary>
        public const int SignalsPerPid = 8;

        public static int ForPid(byte pid, int signalIndex)
        {
            return FirstObd + pid * SignalsPerPid + signalIndex;
        }

        public static bool IsObd(int signalId)
        {
            return signalId >= FirstObd && signalId < FirstObd + 256 * SignalsPerPid;
        }

        public static byte PidOf(int signalId)
        {
            return (byte)((signalId - FirstObd) / SignalsPerPid);
        }

        public static int SignalIndexOf(int signalId)
        {
            return (signalId - FirstObd) % SignalsPerPid;
        }
    }
}
