namespace RydBox.Firmware.Gnss
{
    /// <summary>Speed and course fields shared by RMC and VTG; all are optional.</summary>
    internal static class SpeedFields
    {
        // 0.01 km/h resolution up to ~180 000 km/h: anything faster is corruption, not a vehicle.
        private const int MaxSpeedKmhX100 = 18000000;
        private const int MaxKnotsX1000 = 99999999;

        /// <summary>Knots ("0.004", "022.4") to km/h x 100: 1 knot = 1.852 km/h exactly.</summary>
        public static bool TryReadKnots(NmeaFieldReader f, int field, out bool present, out int speedKmhX100)
        {
            int knotsX1000;
            bool ok = f.TryReadFixed(field, 3, 0, MaxKnotsX1000, out present, out knotsX1000);
            speedKmhX100 = ok ? (int)((knotsX1000 * 1852L + 5000) / 10000) : 0;
            return ok;
        }

        public static bool TryReadKmh(NmeaFieldReader f, int field, out bool present, out int speedKmhX100)
        {
            return f.TryReadFixed(field, 2, 0, MaxSpeedKmhX100, out present, out speedKmhX100);
        }

        /// <summary>Course in degrees x 100; 360.00, which some receivers send, becomes 0.</summary>
        public static bool TryReadCourse(NmeaFieldReader f, int field, out bool present, out int courseDegX100)
        {
            bool ok = f.TryReadFixed(field, 2, 0, 36000, out present, out courseDegX100);
            courseDegX100 %= 36000;
            return ok;
        }
    }
}
