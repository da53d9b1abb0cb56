namespace RydBox.Firmware.Sampling
{
    /// <summary>One row of a tier table: a PID table signal name and how often to poll it.</summary>
    public sealed class TierRow
    {
        public TierRow(string signal, SignalTier tier)
        {
            Signal = signal;
            Tier = tier;
        }

        /// <summary>The signal's name in the PID table, e.g. "engine_rpm".</summary>
        public string Signal { get; }

        public SignalTier Tier { get; }
    }
}
