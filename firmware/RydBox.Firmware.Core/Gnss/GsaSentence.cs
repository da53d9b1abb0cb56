namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// GSA: 1 selection mode M/A (ignored), 2 fix mode 1/2/3, 3-14 satellite ids (ignored),
    /// 15 PDOP, 16 HDOP, 17 VDOP, 18 GNSS system id (NMEA 4.1, ignored). Multi-GNSS receivers
    /// send one $GNGSA per constellation with the same DOPs, so each one simply overwrites.
    /// Satellites used come from GGA, which counts all constellations.
    /// </summary>
    internal static class GsaSentence
    {
        private const int MinimumFields = 18;

        public static NmeaResult Decode(NmeaFieldReader f, GnssFix fix)
        {
            if (f.Count < MinimumFields)
            {
                return NmeaResult.TooFewFields;
            }

            if (!f.TryReadInteger(2, 1, 3, out bool hasFixMode, out int fixMode)
                || !DopFields.TryRead(f, 15, out bool hasPdop, out int pdop)
                || !DopFields.TryRead(f, 16, out bool hasHdop, out int hdop)
                || !DopFields.TryRead(f, 17, out bool hasVdop, out int vdop))
            {
                return NmeaResult.BadField;
            }

            fix.Mark(GnssFields.FixMode, hasFixMode);
            fix.FixMode = fixMode;
            fix.Mark(GnssFields.Pdop, hasPdop);
            fix.PdopX100 = pdop;
            fix.SetHdop(hasHdop, hdop);
            fix.Mark(GnssFields.Vdop, hasVdop);
            fix.VdopX100 = vdop;
            return NmeaResult.Ok;
        }
    }
}
