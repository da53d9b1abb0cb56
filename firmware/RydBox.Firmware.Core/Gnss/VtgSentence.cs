namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// VTG: 1-2 course true (T), 3-4 course magnetic (ignored), 5-6 speed knots (N),
    /// 7-8 speed km/h (K), 9 mode (NMEA 2.3+). The km/h field is preferred; knots are the fallback.
    /// </summary>
    internal static class VtgSentence
    {
        private const int MinimumFields = 9;

        public static NmeaResult Decode(NmeaFieldReader f, GnssFix fix)
        {
            if (f.Count < MinimumFields)
            {
                return NmeaResult.TooFewFields;
            }

            int courseDegX100 = 0;
            bool hasCourse = !f.IsEmpty(1);
            if (hasCourse && !SpeedFields.TryReadCourse(f, 1, out courseDegX100))
            {
                return NmeaResult.BadField;
            }

            int speedKmhX100 = 0;
            bool hasSpeed = true;
            if (!f.IsEmpty(7))
            {
                if (!SpeedFields.TryReadKmh(f, 7, out speedKmhX100))
                {
                    return NmeaResult.BadField;
                }
            }
            else if (!f.IsEmpty(5))
            {
                if (!SpeedFields.TryReadKnots(f, 5, out speedKmhX100))
                {
                    return NmeaResult.BadField;
                }
            }
            else
            {
                hasSpeed = false;
            }

            char mode = '\0';
            bool hasMode = !f.IsEmpty(9);
            if (hasMode && !f.TryReadLetter(9, out mode))
            {
                return NmeaResult.BadField;
            }

            fix.Mark(GnssFields.Course, hasCourse);
            fix.CourseDegX100 = courseDegX100;
            fix.Mark(GnssFields.Speed, hasSpeed);
            fix.SpeedKmhX100 = speedKmhX100;
            if (f.Count > 9)
            {
                fix.Mark(GnssFields.PositionMode, hasMode);
                fix.PositionMode = mode;
            }

            return NmeaResult.Ok;
        }
    }
}
