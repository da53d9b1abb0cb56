namespace RydBox.Firmware.Events
{
    /// <summary>Thresholds of <see cref="PowerLossDetector"/>.</summary>
    public sealed class PowerLossOptions
    {
        /// <summary>
        /// Voltage below which the supply has collapsed, mV. Default 6 000: below the worst cranking
        /// dip of a 12 V system; the box itself may have moments left, so one reading suffices.
        /// </summary>
        public int CollapsedMillivolts = 6000;

        /// <summary>Voltage at or above which the supply is back and a new loss may be reported, mV. Default 9 000.</summary>
        public int RestoredMillivolts = 9000;

        /// <summary>
        /// Failed readings in a row, after the supply was seen, that mean it disappeared (the adapter
        /// lost its power). Default 2: one failed reading may be a glitch on the link.
        /// </summary>
        public int MissingReadings = 2;
    }
}
