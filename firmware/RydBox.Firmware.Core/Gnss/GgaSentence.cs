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

            if (!f.TryReadTime(1, out bool hasTime, out int hour, out int minute, out int second, out int millisecond)
                || !f.TryReadPosition(2, out bool hasPosition, out int latitudeE7, out int longitudeE7)
                || !f.TryReadInteger(6, 0, 9, out bool hasQuality, out int quality)
                || !f.TryReadInteger(7, 0, 255, out bool hasSatellites, out int satellites)
                || !DopFields.TryRead(f, 8, out bool hasHdop, out int hdop)
                || !f.TryReadFixed(9, 2, -MaxAltitudeCm, MaxAltitudeCm, out bool hasAltitude, out int altitudeCm))
            {
                return NmeaResult.BadField;
            }

            fix.SetTime(hasTime, hour, minute, second, millisecond);
            fix.SetPosition(hasPosition, latitudeE7, longitudeE7);
            fix.Mark(GnssFields.Quality, hasQuality);
            fix.Quality = quality;
            fix.Mark(GnssFields.Satellites, hasSatellites);
            fix.SatellitesUsed = satellites;
            fix.SetHdop(hasHdop, hdop);
            fix.Mark(GnssFields.Altitude, hasAltitude);
            fix.AltitudeCm = altitudeCm;
            return NmeaResult.Ok;
        }
    }
}
