namespace RydBox.Firmware.Sampling
{
    /// <summary>Rates and thresholds of <see cref="AdaptiveSampler"/>. All times in milliseconds of the monotonic clock.</summary>
    public sealed class SamplingOptions
    {
        /// <summary>Cycle interval while driving. Default 1 000 (1 Hz: a trip trace with corners).</summary>
        public long DrivingIntervalMs = 1000;

        /// <summary>Cycle interval while idle (ignition on, standing). Default 5 000.</summary>
        public long IdleIntervalMs = 5000;

        /// <summary>Cycle interval while parked (GNSS and voltage only). Default 60 000.</summary>
        public long ParkedIntervalMs = 60000;

        /// <summary>Wake-up interval in standby. Default 300 000 (5 min).</summary>
        public long StandbyIntervalMs = 300000;

        /// <summary>Interval while a detector confirms a change (ignition, towing, battery, fix). Default 2 000.</summary>
        public long ConfirmIntervalMs = 2000;

        /// <summary>
        /// After the motion sensor woke a parked box, cycles run at <see cref="ConfirmIntervalMs"/> for
        /// this long, so the ignition and tow detectors decide in seconds instead of at the next
        /// parked or standby cycle. Default 60 000.
        /// </summary>
        public long MotionConfirmMs = 60000;

        /// <summary>
        /// How often a sampling loop that cannot sleep on the sensor's interrupt looks at it while parked
        /// (the board's loop looks at every nap of <c>BoxOptions.GnssReadSliceMs</c>). Default 1 000.
        /// </summary>
        public long MotionCheckMs = 1000;

        /// <summary>Interval while a tow alarm runs, so the owner can follow the vehicle. Default 10 000.</summary>
        public long TowTrackingIntervalMs = 10000;

        /// <summary>Standing still with ignition on for this long turns driving into idle. Default 30 000 (longer than most traffic-light stops).</summary>
        public long IdleAfterMs = 30000;

        /// <summary>Parked for this long turns into standby. Default 600 000 (10 min).</summary>
        public long StandbyAfterMs = 600000;

        /// <summary>Medium-tier PIDs are polled every this many polling cycles. Default 5 (every 5 s while driving).</summary>
        public int MediumEveryCycles = 5;

        /// <summary>Slow-tier PIDs are polled every this many polling cycles. Default 30 (every 30 s while driving).</summary>
        public int SlowEveryCycles = 30;

        /// <summary>A batch is due once it spans this long, so data reaches the gateway within about this time. Default 10 000.</summary>
        public long BatchPeriodMs = 10000;

        /// <summary>GNSS speed (km/h × 100) that counts as moving when no OBD vehicle speed was read. Default 500 (5 km/h, above parked drift).</summary>
        public int GnssMovingKmhX100 = 500;

        /// <summary>With ignition on, a failed PID discovery is retried after this long. Default 30 000.</summary>
        public long DiscoveryRetryMs = 30000;

        /// <summary>Stored DTCs (mode 03) are read at the start of each drive and then every this long; 0 never. Default 600 000 (10 min).</summary>
        public long DtcReadIntervalMs = 600000;

        /// <summary>
        /// When a probe request may go out with ignition off. Default
        /// <see cref="IgnitionProbeMode.WhenVoltageCannotTell"/>: a request on a sleeping bus can wake
        /// ECUs (each wake-up draws current and a gateway may stay up for minutes), while the
        /// alternator's charging voltage tells ignition on reliably on almost every car; so the
        /// probe is kept for boxes without a voltage reading, or after a charger disarmed the voltage.
        /// </summary>
        public IgnitionProbeMode Probe = IgnitionProbeMode.WhenVoltageCannotTell;

        /// <summary>
        /// The PID the probe asks for. Default 0x0C (engine rpm): an answer says both that the ECUs
        /// are awake and whether the engine turns, which 0100 alone would not.
        /// </summary>
        public byte ProbePid = 0x0C;

        /// <summary>At most one probe per this long. Default 300 000: one per standby wake-up.</summary>
        public long ProbeIntervalMs = 300000;

        /// <summary>Decoded values one cycle can hold (all ECUs' answers). Default 64.</summary>
        public int MaxReadings = 64;

        /// <summary>DTCs one read can hold, over all ECUs. Default 64.</summary>
        public int MaxDtcs = 64;
    }
}
