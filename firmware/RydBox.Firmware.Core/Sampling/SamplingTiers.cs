namespace RydBox.Firmware.Sampling
{
    /// <summary>The default tier table. A new signal to sample is a new row here.</summary>
    public static class SamplingTiers
    {
        public static TierRow[] Default()
        {
            return new TierRow[]
            {
                new TierRow("vehicle_speed", SignalTier.Fast),
                new TierRow("engine_rpm", SignalTier.Fast),
                new TierRow("throttle_position", SignalTier.Fast),
                new TierRow("engine_load", SignalTier.Fast),

                new TierRow("fuel_level", SignalTier.Medium),
                new TierRow("maf_air_flow", SignalTier.Medium),
                new TierRow("intake_air_temp", SignalTier.Medium),
                new TierRow("intake_map", SignalTier.Medium),

                new TierRow("coolant_temp", SignalTier.Slow),
                new TierRow("ambient_air_temp", SignalTier.Slow),
                new TierRow("odometer", SignalTier.Slow),
                new TierRow("control_module_voltage", SignalTier.Slow),
                new TierRow("oil_temp", SignalTier.Slow),
            };
        }
    }
}
