using RydBox.Firmware.Sampling;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// The sampling options the gateway may change with a set_config command, by their wire
    /// names. Only options the sampler reads on every cycle are listed, so a change takes effect
    /// at the next cycle without a restart.
    /// </summary>
    public static class RemoteSettings
    {
        public static readonly string[] Names = new string[]
        {
            "driving_interval_ms",
            "idle_interval_ms",
            "parked_interval_ms",
            "standby_interval_ms",
            "idle_after_ms",
            "standby_after_ms",
            "batch_period_ms",
            "dtc_read_interval_ms",
        };

        /// <summary>Smallest accepted value: faster than 200 ms would flood the vehicle bus and the uplink.</summary>
        public const long MinimumMs = 200;

        /// <summary>Largest accepted value: one day.</summary>
        public const long MaximumMs = 86400000;

        public static bool IsKnown(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>False when the name is unknown or the value out of range; the options are then unchanged.</summary>
        public static bool TrySet(SamplingOptions options, string name, long value)
        {
            if (value < MinimumMs || value > MaximumMs)
            {
                return false;
            }

            switch (name)
            {
                case "driving_interval_ms": options.DrivingIntervalMs = value; return true;
                case "idle_interval_ms": options.IdleIntervalMs = value; return true;
                case "parked_interval_ms": options.ParkedIntervalMs = value; return true;
                case "standby_interval_ms": options.StandbyIntervalMs = value; return true;
                case "idle_after_ms": options.IdleAfterMs = value; return true;
                case "standby_after_ms": options.StandbyAfterMs = value; return true;
                case "batch_period_ms": options.BatchPeriodMs = value; return true;
                case "dtc_read_interval_ms": options.DtcReadIntervalMs = value; return true;
                default: return false;
            }
        }

        public static long Get(SamplingOptions options, string name)
        {
            switch (name)
            {
                case "driving_interval_ms": return options.DrivingIntervalMs;
                case "idle_interval_ms": return options.IdleIntervalMs;
                case "parked_interval_ms": return options.ParkedIntervalMs;
                case "standby_interval_ms": return options.StandbyIntervalMs;
                case "idle_after_ms": return options.IdleAfterMs;
                case "standby_after_ms": return options.StandbyAfterMs;
                case "batch_period_ms": return options.BatchPeriodMs;
                case "dtc_read_interval_ms": return options.DtcReadIntervalMs;
                default: return -1;
            }
        }
    }
}
