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

            int fixMode = 0;
            bool hasFixMode = !f.IsEmpty(2);
            if (hasFixMode && !f.TryReadInteger(2, 1, 3, out fixMode))
            {
                return NmeaResult.BadField;
            }

            int pdop = 0;
            bool hasPdop = !f.IsEmpty(15);
            if (hasPdop && !DopFields.TryRead(f, 15, out pdop))
            {
                return NmeaResult.BadField;
            }

            int hdop = 0;
            bool hasHdop = !f.IsEmpty(16);
            if (hasHdop && !DopFields.TryRead(f, 16, out hdop))
            {
                return NmeaResult.BadField;
            }

            int vdop = 0;
            bool hasVdop = !f.IsEmpty(17);
            if (hasVdop && !DopFields.TryRead(f, 17, out vdop))
            {
                return NmeaResult.BadField;
            }

            fix.Mark(GnssFields.FixMode, hasFixMode);
            fix.FixMode = fixMode;
            fix.Mark(GnssFields.Pdop, hasPdop);
            fix.PdopX100 = pdop;
            fix.Mark(GnssFields.Hdop, hasHdop);
            fix.HdopX100 = hdop;
            fix.Mark(GnssFields.Vdop, hasVdop);
            fix.VdopX100 = vdop;
            return NmeaResult.Ok;
        }
    }
}
