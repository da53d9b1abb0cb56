namespace RydBox.Firmware.Gnss
{
    /// <summary>Speed and course fields shared by RMC and VTG.</summary>
    internal static class SpeedFields
    {
        // 0.01 km/h resolution up to ~180 000 km/h: anything faster is corruption, not a vehicle.
        private const int MaxSpeedKmhX100 = 18000000;
        private const int MaxKnotsX1000 = 99999999;

        /// <summary>Knots ("0.004", "022.4") to km/h x 100: 1 knot = 1.852 km/h exactly.</summary>
        public static bool TryReadKnots(NmeaFieldReader f, int field, out int speedKmhX100)
        {
            int knotsX1000;
            if (!f.TryReadFixed(field, 3, 0, MaxKnotsX1000, out knotsX1000))
            {
                speedKmhX100 = 0;
                return false;
            }

            speedKmhX100 = (int)((knotsX1000 * 1852L + 5000) / 10000);
            return true;
        }

        public static bool TryReadKmh(NmeaFieldReader f, int field, out int speedKmhX100)
        {
            return f.TryReadFixed(field, 2, 0, MaxSpeedKmhX100, out speedKmhX100);
        }

        /// <summary>Course in degrees x 100; 360.00, which some receivers send, becomes 0.</summary>
        public static bool TryReadCourse(NmeaFieldReader f, int field, out int courseDegX100)
        {
            if (!f.TryReadFixed(field, 2, 0, 36000, out courseDegX100))
            {
                return false;
            }

            courseDegX100 %= 36000;
            return true;
        }
    }
}
