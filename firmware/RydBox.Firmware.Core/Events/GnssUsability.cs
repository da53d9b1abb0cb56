using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Events
{
    /// <summary>When a <see cref="GnssFix"/> may be used as a position at all.</summary>
    public static class GnssUsability
    {
        /// <summary>
        /// The position is known and the receiver calls it a fix: RMC/GLL status 'A' and GGA quality
        /// above 0, as far as either was stated (at least one of them must be).
        /// </summary>
        public static bool HasPosition(GnssFix? fix)
        {
            if (fix == null || !fix.Has(GnssFields.Position))
            {
                return false;
            }

            bool hasStatus = fix.Has(GnssFields.Status);
            bool hasQuality = fix.Has(GnssFields.Quality);
            if (!hasStatus && !hasQuality)
            {
                return false;
            }

            return (!hasStatus || fix.IsValid) && (!hasQuality || fix.Quality > 0);
        }

        /// <summary>A usable position whose HDOP is known and at most <paramref name="maxHdopX100"/>.</summary>
        public static bool HasPrecisePosition(GnssFix? fix, int maxHdopX100)
        {
            return fix != null && HasPosition(fix) && fix.Has(GnssFields.Hdop) && fix.HdopX100 <= maxHdopX100;
        }
    }
}
