namespace RydBox.Firmware.Events
{
    /// <summary>Thresholds of <see cref="IgnitionDetector"/>; the defaults suit a 12 V car.</summary>
    public sealed class IgnitionOptions
    {
        /// <summary>
        /// Engine speed at or above which the engine runs, rpm. Default 400: below any idle speed,
        /// above the cranking speed of a starter.
        /// </summary>
        public int RunningRpm = 400;

        /// <summary>
        /// Supply voltage at or above which the alternator is charging, so the engine runs, mV.
        /// Default 13 200: a resting lead-acid battery stays below 12.9 V once its surface charge is gone.
        /// </summary>
        public int ChargingMillivolts = 13200;

        /// <summary>
        /// Supply voltage below which the alternator is no longer charging, mV; the gap to
        /// <see cref="ChargingMillivolts"/> is the hysteresis. Default 12 900.
        /// </summary>
        public int RestingMillivolts = 12900;

        /// <summary>How long the voltage must stay at charging level before ignition counts as on, ms. Default 2 000 (a charger clip or a load dump is shorter).</summary>
        public long OnDebounceMs = 2000;

        /// <summary>
        /// How long ECUs may answer with the engine stopped (rpm 0 or absent) and the voltage below
        /// resting before ignition counts as off, ms. Default 180 000: longer than a start-stop halt at
        /// a red light, short enough that polling does not keep ECUs awake after the key is out.
        /// </summary>
        public long EngineStoppedOffMs = 180000;

        /// <summary>How long OBD may stay silent with the voltage below resting (or unknown) before ignition counts as off, ms. Default 10 000: the ECUs have gone to sleep.</summary>
        public long SilentOffMs = 10000;

        /// <summary>
        /// How long OBD may stay silent while the voltage says charging before ignition counts as off,
        /// ms. Default 120 000. A battery charger or maintainer holds 13.2–14.4 V with the ECUs
        /// asleep; polling them would keep waking them. After this, the voltage no longer switches
        /// ignition on until it has dropped below resting once.
        /// </summary>
        public long SilentChargingOffMs = 120000;
    }
}
