using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Wire;

namespace RydBox.Firmware.Sampling
{
    /// <summary>
    /// One sampling cycle at a time: polls the PIDs due in this cycle (only while ignition is on),
    /// reads the supply voltage, feeds the on-box event detectors, and adds one row (OBD raw values,
    /// GNSS fixed point, supply voltage) to the caller's batch at the wall-clock time. Returns how
    /// long to wait before the next cycle, which depends on the state (<see cref="SamplingState"/>),
    /// so the board can sleep in between. Steady-state cycles allocate nothing.
    /// Time: <see cref="IClock"/> schedules, <see cref="IWallClock"/> stamps rows; without wall time
    /// no row is written (counted in <see cref="RowsWithoutWallClock"/>).
    /// </summary>
    public sealed class AdaptiveSampler
    {
        private const byte EngineRpmPid = 0x0C;
        private const byte VehicleSpeedPid = 0x0D;

        private readonly ObdService _obd;
        private readonly ISupplyVoltage? _supply;
        private readonly IClock _clock;
        private readonly IWallClock _wallClock;
        private readonly OnBoxEvents _events;
        private readonly SamplingOptions _options;
        private readonly SamplingStateMachine _machine;
        private readonly EventInputs _inputs = new EventInputs();
        private readonly PidReadings _readings;
        private readonly TroubleCodes _dtcs;
        private readonly byte[] _due;
        private readonly byte[] _probe = new byte[1];
        private long _pollCycle;
        private bool _needsDiscovery = true;
        private long _nextDiscoveryMs;
        private long _nextDtcReadMs;
        private long _nextProbeMs;
        private long _batchStartMs;
        private long _motionConfirmUntilMs = long.MinValue;

        /// <param name="supply">The supply voltage, or null when the box cannot measure it (then ignition on needs the probe).</param>
        public AdaptiveSampler(ObdService obd, ISupplyVoltage? supply, IClock clock, IWallClock wallClock, OnBoxEvents events, SamplingOptions options)
            : this(obd, supply, clock, wallClock, events, options, SamplingTiers.Default())
        {
        }

        public AdaptiveSampler(ObdService obd, ISupplyVoltage? supply, IClock clock, IWallClock wallClock, OnBoxEvents events, SamplingOptions options, TierRow[] tiers)
        {
            _obd = obd;
            _supply = supply;
            _clock = clock;
            _wallClock = wallClock;
            _events = events;
            _options = options;
            _machine = new SamplingStateMachine(options);
            Plan = new PollPlan(tiers, options.MediumEveryCycles, options.SlowEveryCycles);
            _due = new byte[Plan.MaxPids];
            _readings = new PidReadings(options.MaxReadings);
            _dtcs = new TroubleCodes(options.MaxDtcs);
        }

        public SamplingState State
        {
            get { return _machine.State; }
        }

        /// <summary>The PIDs polled per tier, rebuilt after each discovery (at every ignition on).</summary>
        public PollPlan Plan { get; }

        /// <summary>The OBD values of the last cycle (empty when it polled nothing).</summary>
        public PidReadings Readings
        {
            get { return _readings; }
        }

        /// <summary>
        /// Set by <see cref="RunCycle"/> when the batch is full or would span more than
        /// <see cref="SamplingOptions.BatchPeriodMs"/> by the next cycle: encode it and clear it now.
        /// </summary>
        public bool BatchDue { get; private set; }

        public long Cycles { get; private set; }

        /// <summary>Cycles that wrote no row because the wall clock was not set.</summary>
        public long RowsWithoutWallClock { get; private set; }

        /// <summary>Rows the batch refused: full (not cleared when due) or a wall clock that went back.</summary>
        public long RowsRejected { get; private set; }

        /// <summary>Probe requests sent with ignition off.</summary>
        public long Probes { get; private set; }

        /// <summary>True in the states that sleep between cycles (ignition off), where motion should wake the box.</summary>
        public bool Sleeps
        {
            get { return !_machine.PollsObd; }
        }

        /// <summary>
        /// The motion sensor saw movement while the box sleeps: something may have started (an engine,
        /// a tow), so cycles run at the confirm interval for <see cref="SamplingOptions.MotionConfirmMs"/>
        /// and the next one may probe the vehicle at once. True when the caller should run that cycle
        /// now; false when the box already looks closely (an earlier wake's stretch, or a tow alarm
        /// tracking the vehicle), so a sensor latched throughout a tow does not cut every wait short.
        /// </summary>
        public bool WakeOnMotion()
        {
            long now = _clock.NowMilliseconds;
            if (now < _motionConfirmUntilMs || _events.Tow.IsActive)
            {
                return false;
            }

            _motionConfirmUntilMs = now + _options.MotionConfirmMs;
            _nextProbeMs = now;
            return true;
        }

        /// <summary>
        /// Runs one cycle and returns the milliseconds to wait before the next. <paramref name="fix"/>
        /// is the latest GNSS statement (a snapshot the NMEA side does not change meanwhile), or null
        /// when there is none or the receiver has gone silent.
        /// </summary>
        public long RunCycle(GnssFix? fix, TelemetryBatch batch)
        {
            long start = _clock.NowMilliseconds;
            long unixMs;
            bool hasWallTime = _wallClock.TryGetUnixMilliseconds(out unixMs);
            Cycles++;
            _inputs.Clear();
            _inputs.NowMs = start;
            _inputs.Fix = fix;
            _readings.Clear();
            ReadSupplyVoltage();
            if (_machine.PollsObd)
            {
                PollObd(start);
            }
            else if (IsProbeDue(start))
            {
                SendProbe(start);
            }

            TakeEngineSpeed();
            _events.Process(_inputs);
            if (_machine.Update(start, _events.Ignition.IsOn, IsMoving(fix)))
            {
                StartDrive(start);
            }

            if (hasWallTime)
            {
                WriteRow(start, unixMs, fix, batch);
            }
            else
            {
                RowsWithoutWallClock++;
            }

            long nextCycleMs = start + NextIntervalMs();
            BatchDue = batch.RowCount > 0 && (batch.IsFull || nextCycleMs - _batchStartMs >= _options.BatchPeriodMs);
            long wait = nextCycleMs - _clock.NowMilliseconds;
            return wait > 0 ? wait : 0;
        }

        private void ReadSupplyVoltage()
        {
            int millivolts;
            if (_supply != null && _supply.TryReadMillivolts(out millivolts))
            {
                _inputs.HasSupplyVoltage = true;
                _inputs.SupplyMillivolts = millivolts;
            }
        }

        private void PollObd(long nowMs)
        {
            if (_needsDiscovery && nowMs >= _nextDiscoveryMs)
            {
                _inputs.ObdAsked = true;
                if (_obd.DiscoverSupportedPids() == ObdStatus.Ok)
                {
                    Plan.Build(_obd.Ecus);
                    _needsDiscovery = false;
                    _inputs.ObdAnswered = true;
                }
                else
                {
                    _nextDiscoveryMs = nowMs + _options.DiscoveryRetryMs;
                }
            }

            if (_needsDiscovery || Plan.IsEmpty)
            {
                // Between discovery attempts one request still tells the ignition detector whether ECUs answer.
                if (!_inputs.ObdAsked)
                {
                    AskProbePid();
                }
            }
            else
            {
                int count = Plan.CollectDue(_pollCycle++, _due);
                if (count > 0)
                {
                    _inputs.ObdAsked = true;
                    _obd.ReadPids(_due, count, _readings);
                }
            }

            if (_readings.Count > 0)
            {
                _inputs.ObdAnswered = true;
            }

            if (!_needsDiscovery && _options.DtcReadIntervalMs > 0 && nowMs >= _nextDtcReadMs)
            {
                ReadDtcs(nowMs);
            }
        }

        private void ReadDtcs(long nowMs)
        {
            _nextDtcReadMs = nowMs + _options.DtcReadIntervalMs;
            _inputs.ObdAsked = true;
            if (_obd.ReadDtcs(ObdService.StoredDtcs, _dtcs) == ObdStatus.Ok)
            {
                _inputs.ObdAnswered = true;
                _inputs.DtcsRead = true;
                _inputs.Dtcs = _dtcs;
            }
        }

        private bool IsProbeDue(long nowMs)
        {
            if (nowMs < _nextProbeMs)
            {
                return false;
            }

            switch (_options.Probe)
            {
                case IgnitionProbeMode.Always:
                    return true;
                case IgnitionProbeMode.WhenVoltageCannotTell:
                    return !_inputs.HasSupplyVoltage || !_events.Ignition.VoltageArmed;
                default:
                    return false;
            }
        }

        private void SendProbe(long nowMs)
        {
            _nextProbeMs = nowMs + _options.ProbeIntervalMs;
            Probes++;
            AskProbePid();
            _inputs.ObdAnswered = _readings.Count > 0;
        }

        private void AskProbePid()
        {
            _probe[0] = _options.ProbePid;
            _inputs.ObdAsked = _obd.Ecus.Count == 0 || _obd.Ecus.CountSupporting(_options.ProbePid) > 0;
            _obd.ReadPids(_probe, 1, _readings);
        }

        private void TakeEngineSpeed()
        {
            for (int i = 0; i < _readings.Count; i++)
            {
                if (_readings.PidAt(i) == EngineRpmPid)
                {
                    _inputs.HasRpm = true;
                    _inputs.Rpm = (int)_readings.ValueAt(i);
                    return;
                }
            }
        }

        private bool IsMoving(GnssFix? fix)
        {
            for (int i = 0; i < _readings.Count; i++)
            {
                if (_readings.PidAt(i) == VehicleSpeedPid)
                {
                    return _readings.RawValueAt(i) > 0;
                }
            }

            return fix != null && GnssUsability.HasPosition(fix) && fix.Has(GnssFields.Speed)
                && fix.SpeedKmhX100 >= _options.GnssMovingKmhX100;
        }

        /// <summary>Each drive rediscovers the ECUs (the box may sit in another car now) and reads DTCs early.</summary>
        private void StartDrive(long nowMs)
        {
            _needsDiscovery = true;
            _nextDiscoveryMs = nowMs;
            _nextDtcReadMs = nowMs;
            _pollCycle = 0;
        }

        private void WriteRow(long nowMs, long unixMs, GnssFix? fix, TelemetryBatch batch)
        {
            bool hasPosition = fix != null && GnssUsability.HasPosition(fix);
            if (_readings.Count == 0 && !hasPosition && !_inputs.HasSupplyVoltage)
            {
                return;
            }

            if (!batch.BeginRow(unixMs))
            {
                RowsRejected++;
                return;
            }

            if (batch.RowCount == 1)
            {
                _batchStartMs = nowMs;
            }

            BatchRowWriter.WriteReadings(batch, _readings);
            BatchRowWriter.WriteFix(batch, fix);
            if (_inputs.HasSupplyVoltage)
            {
                batch.Set(SignalIds.SupplyVoltage, _inputs.SupplyMillivolts);
            }
        }

        private long NextIntervalMs()
        {
            long interval = _machine.IntervalMs;
            if (_events.Tow.IsActive && interval > _options.TowTrackingIntervalMs)
            {
                interval = _options.TowTrackingIntervalMs;
            }

            if ((_events.IsConfirming || _clock.NowMilliseconds < _motionConfirmUntilMs) && interval > _options.ConfirmIntervalMs)
            {
                interval = _options.ConfirmIntervalMs;
            }

            return interval;
        }
    }
}
