namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// RMC: 1 time, 2 status A/V, 3-6 position, 7 speed (knots), 8 course, 9 date ddmmyy,
    /// 10-11 magnetic variation (ignored), 12 mode (NMEA 2.3+), 13 nav status (NMEA 4.1, ignored).
    /// </summary>
    internal static class RmcSentence
    {
        private const int MinimumFields = 12;

        public static NmeaResult Decode(NmeaFieldReader f, GnssFix fix)
        {
            if (f.Count < MinimumFields)
            {
                return NmeaResult.TooFewFields;
            }

            if (!f.TryReadTime(1, out bool hasTime, out int hour, out int minute, out int second, out int millisecond)
                || !f.TryReadStatus(2, out bool hasStatus, out bool valid)
                || !f.TryReadPosition(3, out bool hasPosition, out int latitudeE7, out int longitudeE7)
                || !SpeedFields.TryReadKnots(f, 7, out bool hasSpeed, out int speedKmhX100)
                || !SpeedFields.TryReadCourse(f, 8, out bool hasCourse, out int courseDegX100)
                || !f.TryReadDate(9, out bool hasDate, out int day, out int month, out int year)
                || !f.TryReadLetter(12, out bool hasMode, out char mode))
            {
                return NmeaResult.BadField;
            }

            fix.SetTime(hasTime, hour, minute, second, millisecond);
            fix.SetStatus(hasStatus, valid);
            fix.SetPosition(hasPosition, latitudeE7, longitudeE7);
            fix.SetSpeed(hasSpeed, speedKmhX100);
            fix.SetCourse(hasCourse, courseDegX100);
            fix.SetDate(hasDate, day, month, year);

            // Before NMEA 2.3 there is no mode field; keep what another sentence said.
            if (f.Count > 12)
            {
                fix.SetPositionMode(hasMode, mode);
            }

            return NmeaResult.Ok;
        }
    }
}
