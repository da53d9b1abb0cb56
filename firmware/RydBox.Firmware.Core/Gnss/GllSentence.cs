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

            if (!f.TryReadPosition(1, out bool hasPosition, out int latitudeE7, out int longitudeE7)
                || !f.TryReadTime(5, out bool hasTime, out int hour, out int minute, out int second, out int millisecond)
                || !f.TryReadStatus(6, out bool hasStatus, out bool valid)
                || !f.TryReadLetter(7, out bool hasMode, out char mode))
            {
                return NmeaResult.BadField;
            }

            fix.SetPosition(hasPosition, latitudeE7, longitudeE7);
            fix.SetTime(hasTime, hour, minute, second, millisecond);
            fix.SetStatus(hasStatus, valid);

            // Before NMEA 2.3 there is no mode field; keep what another sentence said.
            if (f.Count > 7)
            {
                fix.SetPositionMode(hasMode, mode);
            }

            return NmeaResult.Ok;
        }
    }
}
