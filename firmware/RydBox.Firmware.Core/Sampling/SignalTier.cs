namespace RydBox.Firmware.Sampling
{
    /// <summary>How often a signal is polled; the cadences are in <see cref="SamplingOptions"/>.</summary>
    public enum SignalTier
    {
        /// <summary>Every polling cycle: what a trip trace needs second by second.</summary>
        Fast = 0,

        /// <summary>Every <see cref="SamplingOptions.MediumEveryCycles"/> cycles.</summary>
        Medium = 1,

        /// <summary>Every <see cref="SamplingOptions.SlowEveryCycles"/> cycles: values that change over minutes.</summary>
        Slow = 2,
    }
}
