namespace RydBox.Firmware.Gnss
{
    /// <summary>GLL: 1-4 position, 5 time, 6 status A/V, 7 mode (NMEA 2.3+).</summary>
    internal static class GllSentence
    {
        private const int MinimumFields = 7;

        public static NmeaResult Decode(NmeaFieldReader f, GnssFix fix)
        {
            if (f.Count < MinimumFields)
            {
                return NmeaResult.TooFewFields;
            }

            bool hasPosition;
            int latitudeE7, longitudeE7;
            if (!f.TryReadPosition(1, out hasPosition, out latitudeE7, out longitudeE7))
            {
                return NmeaResult.BadField;
            }

            int hour = 0, minute = 0, second = 0, millisecond = 0;
            bool hasTime = !f.IsEmpty(5);
            if (hasTime && !f.TryReadTime(5, out hour, out minute, out second, out millisecond))
            {
                return NmeaResult.BadField;
            }

            bool valid = false;
            bool hasStatus = !f.IsEmpty(6);
            if (hasStatus && !f.TryReadStatus(6, out valid))
            {
                return NmeaResult.BadField;
            }

            char mode = '\0';
            bool hasMode = !f.IsEmpty(7);
            if (hasMode && !f.TryReadLetter(7, out mode))
            {
                return NmeaResult.BadField;
            }

            fix.Mark(GnssFields.Position, hasPosition);
            fix.LatitudeE7 = latitudeE7;
            fix.LongitudeE7 = longitudeE7;
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
            if (f.Count > 7)
            {
                fix.Mark(GnssFields.PositionMode, hasMode);
                fix.PositionMode = mode;
            }

            return NmeaResult.Ok;
        }
    }
}
