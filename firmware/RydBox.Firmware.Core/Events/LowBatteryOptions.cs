namespace RydBox.Firmware.Events
{
    /// <summary>Thresholds of <see cref="LowBatteryDetector"/>, for a 12 V lead-acid battery.</summary>
    public sealed class LowBatteryOptions
    {
        /// <summary>
        /// Resting voltage below which the battery counts as low, mV. Default 11 800: roughly
        /// 30–40 % charge, where cold starts begin to fail.
        /// </summary>
        public int LowMillivolts = 11800;

        /// <summary>Voltage at or above which the battery has recovered and a new low may be reported, mV. Default 12 400.</summary>
        public int RecoveredMillivolts = 12400;

        /// <summary>How long the voltage must stay low with ignition off, ms. Default 60 000 (rides out a short heavy load).</summary>
        public long LowForMs = 60000;
    }
}
