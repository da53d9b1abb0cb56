namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Thresholds of <see cref="TowDetector"/>. Parked GNSS drift is typically a few metres to a
    /// few tens of metres with speeds of 0–3 km/h and short jumps; the defaults ask for more, for longer.
    /// </summary>
    public sealed class TowOptions
    {
        /// <summary>Fixes with a worse HDOP (× 100) are ignored. Default 300 (HDOP 3.0).</summary>
        public int MaxHdopX100 = 300;

        /// <summary>GNSS ground speed (km/h × 100) that counts as moving. Default 1 000 (10 km/h).</summary>
        public int MovingSpeedKmhX100 = 1000;

        /// <summary>How long the speed must stay at or above <see cref="MovingSpeedKmhX100"/>, ms. Default 15 000.</summary>
        public long SpeedHoldMs = 15000;

        /// <summary>Smallest radius around the parked position that counts as moved, m. Default 50.</summary>
        public int MinRadiusMetres = 50;

        /// <summary>
        /// Radius added per unit of HDOP of the parked fix and of the current fix, m. Default 15:
        /// about twice the horizontal error (HDOP × ~7 m user range error) of each fix, so the radius
        /// covers both positions' 95 % error.
        /// </summary>
        public int MetresPerHdop = 15;

        /// <summary>How long the vehicle must stay outside the radius, ms. Default 30 000 (a multipath jump is shorter).</summary>
        public long DisplacementHoldMs = 30000;

        /// <summary>How long the vehicle must keep still (no speed, no move beyond the radius) to end an alarm, ms. Default 300 000.</summary>
        public long EndAfterStillMs = 300000;
    }
}
