namespace RydBox.Firmware.Sampling
{
    /// <summary>When the sampler may send one OBD request with ignition off, to see whether the ECUs are awake and the engine runs.</summary>
    public enum IgnitionProbeMode
    {
        /// <summary>Never: ignition on is detected from the supply voltage only.</summary>
        Never = 0,

        /// <summary>
        /// Only when the supply voltage cannot tell: no voltage source, no reading, or the voltage
        /// was disarmed by a charger (see <see cref="Events.IgnitionDetector.VoltageArmed"/>).
        /// </summary>
        WhenVoltageCannotTell = 1,

        /// <summary>Every probe interval while ignition is off, whatever the voltage says.</summary>
        Always = 2,
    }
}
