namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Distances between nearby fixed-point positions (degrees × 10^7), on a local flat-earth
    /// approximation: under 0.1 % off within a few kilometres, which is all the tow check compares.
    /// Written without System.Math, which the device lacks.
    /// </summary>
    public static class GeoDistance
    {
        /// <summary>Metres per 10^-7 degree of latitude (mean earth radius 6 371 km).</summary>
        private const double MetresPerE7 = 0.0111195;

        private const double RadiansPerE7 = 3.14159265358979 / 1800000000.0;

        public static double SquaredMetres(int latitudeE7A, int longitudeE7A, int latitudeE7B, int longitudeE7B)
        {
            double north = (double)(latitudeE7B - latitudeE7A) * MetresPerE7;
            long eastE7 = (long)longitudeE7B - longitudeE7A;
            if (eastE7 > 1800000000L)
            {
                eastE7 -= 3600000000L;
            }
            else if (eastE7 < -1800000000L)
            {
                eastE7 += 3600000000L;
            }

            double east = eastE7 * MetresPerE7 * Cosine(((double)latitudeE7A + latitudeE7B) / 2 * RadiansPerE7);
            return north * north + east * east;
        }

        public static double Metres(int latitudeE7A, int longitudeE7A, int latitudeE7B, int longitudeE7B)
        {
            return SquareRoot(SquaredMetres(latitudeE7A, longitudeE7A, latitudeE7B, longitudeE7B));
        }

        /// <summary>Taylor series to x^10; within 10^-6 for |x| ≤ π/2, the range of latitudes.</summary>
        public static double Cosine(double radians)
        {
            double x2 = radians * radians;
            double term = 1;
            double sum = 1;
            for (int n = 1; n <= 5; n++)
            {
                term = -term * x2 / ((2 * n - 1) * (2 * n));
                sum += term;
            }

            return sum;
        }

        /// <summary>Newton's iteration from above ((v + 1) / 2 ≥ √v), stopping once it no longer falls.</summary>
        public static double SquareRoot(double value)
        {
            if (value <= 0)
            {
                return 0;
            }

            double root = (value + 1) / 2;
            for (int i = 0; i < 64; i++)
            {
                double next = (root + value / root) / 2;
                if (next >= root)
                {
                    break;
                }

                root = next;
            }

            return root;
        }
    }
}
