namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Power loss: the supply voltage collapses, or stops being readable after it was. One event
    /// until the supply is back. Value holds the last voltage read, mV (0 when none could be read).
    /// </summary>
    public sealed class PowerLossDetector
    {
        private readonly PowerLossOptions _options;
        private readonly BoxEventQueue _sink;
        private bool _seenSupply;
        private int _missing;

        public PowerLossDetector(PowerLossOptions options, BoxEventQueue sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>True from the event until the supply is back.</summary>
        public bool IsReported { get; private set; }

        /// <summary>A reading failed but not yet often enough.</summary>
        public bool IsConfirming
        {
            get { return _missing > 0 && !IsReported; }
        }

        public void Update(long nowMs, bool hasVoltage, int millivolts)
        {
            bool lost;
            if (hasVoltage)
            {
                _seenSupply = true;
                _missing = 0;
                if (millivolts >= _options.RestoredMillivolts)
                {
                    IsReported = false;
                }

                lost = millivolts < _options.CollapsedMillivolts;
            }
            else
            {
                if (_seenSupply && _missing < _options.MissingReadings)
                {
                    _missing++;
                }

                lost = _seenSupply && _missing >= _options.MissingReadings;
            }

            if (lost && !IsReported)
            {
                IsReported = true;
                _sink.Emit(BoxEventType.PowerLoss, nowMs, hasVoltage ? millivolts : 0, null);
            }
        }
    }
}
