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

            int hour = 0, minute = 0, second = 0, millisecond = 0;
            bool hasTime = !f.IsEmpty(1);
            if (hasTime && !f.TryReadTime(1, out hour, out minute, out second, out millisecond))
            {
                return NmeaResult.BadField;
            }

            bool valid = false;
            bool hasStatus = !f.IsEmpty(2);
            if (hasStatus && !f.TryReadStatus(2, out valid))
            {
                return NmeaResult.BadField;
            }

            bool hasPosition;
            int latitudeE7, longitudeE7;
            if (!f.TryReadPosition(3, out hasPosition, out latitudeE7, out longitudeE7))
            {
                return NmeaResult.BadField;
            }

            int speedKmhX100 = 0;
            bool hasSpeed = !f.IsEmpty(7);
            if (hasSpeed && !SpeedFields.TryReadKnots(f, 7, out speedKmhX100))
            {
                return NmeaResult.BadField;
            }

            int courseDegX100 = 0;
            bool hasCourse = !f.IsEmpty(8);
            if (hasCourse && !SpeedFields.TryReadCourse(f, 8, out courseDegX100))
            {
                return NmeaResult.BadField;
            }

            int day = 0, month = 0, year = 0;
            bool hasDate = !f.IsEmpty(9);
            if (hasDate && !f.TryReadDate(9, out day, out month, out year))
            {
                return NmeaResult.BadField;
            }

            char mode = '\0';
            bool hasMode = !f.IsEmpty(12);
            if (hasMode && !f.TryReadLetter(12, out mode))
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

            fix.Mark(GnssFields.Status, hasStatus);
            fix.IsValid = valid;
            fix.Mark(GnssFields.Position, hasPosition);
            fix.LatitudeE7 = latitudeE7;
            fix.LongitudeE7 = longitudeE7;
            fix.Mark(GnssFields.Speed, hasSpeed);
            fix.SpeedKmhX100 = speedKmhX100;
            fix.Mark(GnssFields.Course, hasCourse);
            fix.CourseDegX100 = courseDegX100;
            fix.Mark(GnssFields.Date, hasDate);
            if (hasDate)
            {
                fix.Day = day;
                fix.Month = month;
                fix.Year = year;
            }

            // Before NMEA 2.3 there is no mode field; keep what another sentence said.
            if (f.Count > 12)
            {
                fix.Mark(GnssFields.PositionMode, hasMode);
                fix.PositionMode = mode;
            }

            return NmeaResult.Ok;
        }
    }
}
