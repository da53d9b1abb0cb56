namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// GGA: 1 time, 2-5 position, 6 quality, 7 satellites used, 8 HDOP, 9-10 altitude (M),
    /// 11-12 geoid separation (ignored), 13-14 differential age and station (ignored).
    /// </summary>
    internal static class GgaSentence
    {
        private const int MinimumFields = 15;

        // +-1000 km: beyond that the field is corrupt, whatever the vehicle.
        private const int MaxAltitudeCm = 100000000;

        public static NmeaResult Decode(NmeaFieldReader f, GnssFix fix)
        {
            if (f.Count < MinimumFields)
            {
                return NmeaResult.TooFewFields;
            }

            int hour = 0, minute = 0, second = 0, millisecond = 0;
            bool hasTime = !f.IsEmpty(1);
            if (hasTime && !f.TryReadTime(1, out hour, out minute, out second, out millisecond))
            {
                return NmeaResult.BadField;
            }

            bool hasPosition;
            int latitudeE7, longitudeE7;
            if (!f.TryReadPosition(2, out hasPosition, out latitudeE7, out longitudeE7))
            {
                return NmeaResult.BadField;
            }

            int quality = 0;
            bool hasQuality = !f.IsEmpty(6);
            if (hasQuality && !f.TryReadInteger(6, 0, 9, out quality))
            {
                return NmeaResult.BadField;
            }

            int satellites = 0;
            bool hasSatellites = !f.IsEmpty(7);
            if (hasSatellites && !f.TryReadInteger(7, 0, 255, out satellites))
            {
                return NmeaResult.BadField;
            }

            int hdop = 0;
            bool hasHdop = !f.IsEmpty(8);
            if (hasHdop && !DopFields.TryRead(f, 8, out hdop))
            {
                return NmeaResult.BadField;
            }

            int altitudeCm = 0;
            bool hasAltitude = !f.IsEmpty(9);
            if (hasAltitude && !f.TryReadFixed(9, 2, -MaxAltitudeCm, MaxAltitudeCm, out altitudeCm))
            {
                return NmeaResult.BadField;
            }

            fix.Mark(GnssFields.Time, hasTime);
            if (hasTime)
            {
                fix.Hour = hour;
                fix.Minute = minute;
                fix.Second = second;
                fix.Millisecond = millisecond;
            }

            fix.Mark(GnssFields.Position, hasPosition);
            fix.LatitudeE7 = latitudeE7;
            fix.LongitudeE7 = longitudeE7;
            fix.Mark(GnssFields.Quality, hasQuality);
            fix.Quality = quality;
            fix.Mark(GnssFields.Satellites, hasSatellites);
            fix.SatellitesUsed = satellites;
            fix.Mark(GnssFields.Hdop, hasHdop);
            fix.HdopX100 = hdop;
            fix.Mark(GnssFields.Altitude, hasAltitude);
            fix.AltitudeCm = altitudeCm;
            return NmeaResult.Ok;
        }
    }
}
