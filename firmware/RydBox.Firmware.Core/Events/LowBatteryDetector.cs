namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Low battery: the supply voltage stays below <see cref="LowBatteryOptions.LowMillivolts"/>
    /// with ignition off (while the engine runs the alternator masks the battery). One event per
    /// episode; a new one only after the voltage has recovered. Value holds millivolts.
    /// </summary>
    public sealed class LowBatteryDetector
    {
        private readonly LowBatteryOptions _options;
        private readonly BoxEventQueue _sink;
        private readonly HeldCondition _low = new HeldCondition();

        public LowBatteryDetector(LowBatteryOptions options, BoxEventQueue sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>True from the event until the voltage has recovered.</summary>
        public bool IsReported { get; private set; }

        /// <summary>Low voltage is seen but not yet confirmed.</summary>
        public bool IsConfirming
        {
            get { return _low.IsTrue && !IsReported; }
        }

        public void Update(long nowMs, bool ignitionOn, bool hasVoltage, int millivolts)
        {
            if (hasVoltage && millivolts >= _options.RecoveredMillivolts)
            {
                IsReported = false;
            }

            _low.Observe(!ignitionOn && hasVoltage && millivolts < _options.LowMillivolts, nowMs);
            if (!IsReported && _low.HasHeld(nowMs, _options.LowForMs))
            {
                IsReported = true;
                _sink.Emit(BoxEventType.LowBattery, nowMs, millivolts, null);
            }
        }
    }
}
