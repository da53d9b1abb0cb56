namespace RydBox.Firmware.Sampling
{
    /// <summary>
    /// Driving ⇄ Idle while ignition is on (idle after standing still for
    /// <see cref="SamplingOptions.IdleAfterMs"/>, driving again at the first movement); Parked once
    /// ignition is off, Standby after <see cref="SamplingOptions.StandbyAfterMs"/> parked; Driving
    /// again when ignition comes on. Starts parked: nothing polls ECUs before ignition is seen.
    /// </summary>
    public sealed class SamplingStateMachine
    {
        private readonly SamplingOptions _options;
        private long _lastMovedMs;
        private long _offSinceMs;
        private bool _started;

        public SamplingStateMachine(SamplingOptions options)
        {
            _options = options;
            State = SamplingState.Parked;
        }

        public SamplingState State { get; private set; }

        /// <summary>True in the states that poll ECUs.</summary>
        public bool PollsObd
        {
            get { return State == SamplingState.Driving || State == SamplingState.Idle; }
        }

        /// <summary>The cycle interval of the current state.</summary>
        public long IntervalMs
        {
            get
            {
                switch (State)
                {
                    case SamplingState.Driving:
                        return _options.DrivingIntervalMs;
                    case SamplingState.Idle:
                        return _options.IdleIntervalMs;
                    case SamplingState.Parked:
                        return _options.ParkedIntervalMs;
                    default:
                        return _options.StandbyIntervalMs;
                }
            }
        }

        /// <summary>Moves on from what this cycle saw; true when ignition has just come on.</summary>
        public bool Update(long nowMs, bool ignitionOn, bool moving)
        {
            if (!_started)
            {
                _started = true;
                _offSinceMs = nowMs;
            }

            if (!ignitionOn)
            {
                if (PollsObd)
                {
                    State = SamplingState.Parked;
                    _offSinceMs = nowMs;
                }
                else if (State == SamplingState.Parked && nowMs - _offSinceMs >= _options.StandbyAfterMs)
                {
                    State = SamplingState.Standby;
                }

                return false;
            }

            bool switchedOn = !PollsObd;
            if (switchedOn || moving)
            {
                State = SamplingState.Driving;
                _lastMovedMs = nowMs;
            }
            else if (State == SamplingState.Driving && nowMs - _lastMovedMs >= _options.IdleAfterMs)
            {
                State = SamplingState.Idle;
            }

            return switchedOn;
        }
    }
}
