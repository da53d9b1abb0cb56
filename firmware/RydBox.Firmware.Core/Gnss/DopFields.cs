namespace RydBox.Firmware.Gnss
{
    /// <summary>Dilution-of-precision fields shared by GGA and GSA.</summary>
    internal static class DopFields
    {
        // Receivers report 99.99 or 99.9 for "no solution"; a few go into the hundreds.
        private const int MaxDopX100 = 99999;

        public static bool TryRead(NmeaFieldReader f, int field, out bool present, out int dopX100)
        {
            return f.TryReadFixed(field, 2, 0, MaxDopX100, out present, out dopX100);
        }
    }
}
