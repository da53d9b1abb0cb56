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

            if (!SpeedFields.TryReadCourse(f, 1, out bool hasCourse, out int courseDegX100)
                || !TryReadSpeed(f, out bool hasSpeed, out int speedKmhX100)
                || !f.TryReadLetter(9, out bool hasMode, out char mode))
            {
                return NmeaResult.BadField;
            }

            fix.SetCourse(hasCourse, courseDegX100);
            fix.SetSpeed(hasSpeed, speedKmhX100);

            // Before NMEA 2.3 there is no mode field; keep what another sentence said.
            if (f.Count > 9)
            {
                fix.SetPositionMode(hasMode, mode);
            }

            return NmeaResult.Ok;
        }

        private static bool TryReadSpeed(NmeaFieldReader f, out bool present, out int speedKmhX100)
        {
            return f.IsEmpty(7)
                ? SpeedFields.TryReadKnots(f, 5, out present, out speedKmhX100)
                : SpeedFields.TryReadKmh(f, 7, out present, out speedKmhX100);
        }
    }
}
