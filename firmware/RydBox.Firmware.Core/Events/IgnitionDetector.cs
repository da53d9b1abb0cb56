namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Ignition on/off from what the box can observe. On: the engine turns (rpm at or above
    /// <see cref="IgnitionOptions.RunningRpm"/>, at once) or the alternator charges (voltage at
    /// charging level for <see cref="IgnitionOptions.OnDebounceMs"/>). Off: ECUs answer with the
    /// engine stopped and the voltage resting, or OBD falls silent; see the options for how long each
    /// must last. Starts off, so nothing polls ECUs before there is evidence.
    /// Events: IgnitionOn/IgnitionOff, Value the supply voltage in mV (0 when unknown), Detail the evidence.
    /// </summary>
    public sealed class IgnitionDetector
    {
        public const string ByRpm = "rpm";
        public const string ByVoltage = "voltage";
        public const string ByEngineStopped = "engine stopped";
        public const string ByObdSilent = "obd silent";
        public const string ByObdSilentWhileCharging = "obd silent, voltage high";

        private readonly IgnitionOptions _options;
        private readonly BoxEventQueue _sink;
        private readonly HeldCondition _charging = new HeldCondition();
        private readonly HeldCondition _engineStopped = new HeldCondition();
        private readonly HeldCondition _silentResting = new HeldCondition();
        private readonly HeldCondition _silentCharging = new HeldCondition();

        public IgnitionDetector(IgnitionOptions options, BoxEventQueue sink)
        {
            _options = options;
            _sink = sink;
            VoltageArmed = true;
        }

        public bool IsOn { get; private set; }

        /// <summary>
        /// False after ignition went off although the voltage said charging (a charger): the voltage
        /// alone cannot switch ignition on again until it has dropped below resting level.
        /// </summary>
        public bool VoltageArmed { get; private set; }

        /// <summary>A change is seen but not yet confirmed; sample again soon.</summary>
        public bool IsConfirming
        {
            get
            {
                return IsOn
                    ? _engineStopped.IsTrue || _silentResting.IsTrue || _silentCharging.IsTrue
                    : _charging.IsTrue;
            }
        }

        /// <param name="obdAsked">Some OBD request went out this cycle.</param>
        /// <param name="obdAnswered">Some ECU answered.</param>
        public void Update(long nowMs, bool obdAsked, bool obdAnswered, bool hasRpm, int rpm, bool hasVoltage, int millivolts)
        {
            if (hasVoltage && millivolts < _options.RestingMillivolts)
            {
                VoltageArmed = true;
            }

            if (IsOn)
            {
                UpdateWhileOn(nowMs, obdAsked, obdAnswered, hasRpm, rpm, hasVoltage, millivolts);
            }
            else
            {
                UpdateWhileOff(nowMs, hasRpm, rpm, hasVoltage, millivolts);
            }
        }

        private void UpdateWhileOff(long nowMs, bool hasRpm, int rpm, bool hasVoltage, int millivolts)
        {
            if (hasRpm && rpm >= _options.RunningRpm)
            {
                Switch(true, nowMs, hasVoltage, millivolts, ByRpm);
                return;
            }

            _charging.Observe(VoltageArmed && hasVoltage && millivolts >= _options.ChargingMillivolts, nowMs);
            if (_charging.HasHeld(nowMs, _options.OnDebounceMs))
            {
                Switch(true, nowMs, hasVoltage, millivolts, ByVoltage);
            }
        }

        private void UpdateWhileOn(long nowMs, bool obdAsked, bool obdAnswered, bool hasRpm, int rpm, bool hasVoltage, int millivolts)
        {
            bool voltageSaysRunning = hasVoltage && millivolts >= _options.RestingMillivolts;
            bool engineTurning = hasRpm && rpm > 0;
            bool silent = obdAsked && !obdAnswered;
            _engineStopped.Observe(obdAnswered && !engineTurning && !voltageSaysRunning, nowMs);
            _silentResting.Observe(silent && !voltageSaysRunning, nowMs);
            _silentCharging.Observe(silent && voltageSaysRunning, nowMs);

            if (_silentCharging.HasHeld(nowMs, _options.SilentChargingOffMs))
            {
                VoltageArmed = false;
                Switch(false, nowMs, hasVoltage, millivolts, ByObdSilentWhileCharging);
            }
            else if (_silentResting.HasHeld(nowMs, _options.SilentOffMs))
            {
                Switch(false, nowMs, hasVoltage, millivolts, ByObdSilent);
            }
            else if (_engineStopped.HasHeld(nowMs, _options.EngineStoppedOffMs))
            {
                Switch(false, nowMs, hasVoltage, millivolts, ByEngineStopped);
            }
        }

        private void Switch(bool on, long nowMs, bool hasVoltage, int millivolts, string evidence)
        {
            IsOn = on;
            _charging.Reset();
            _engineStopped.Reset();
            _silentResting.Reset();
            _silentCharging.Reset();
            _sink.Emit(on ? BoxEventType.IgnitionOn : BoxEventType.IgnitionOff, nowMs, hasVoltage ? millivolts : 0, evidence);
        }
    }
}
