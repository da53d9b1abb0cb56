using System.Threading;
using RydBox.Firmware.Can;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Outbox;
using RydBox.Firmware.Provisioning;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Session;
using RydBox.Firmware.Wire;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// A whole box: samples the vehicle and GNSS, detects on-box events, encodes batches and
    /// events into the persistent outbox (sampling thread), and delivers the outbox over MQTT
    /// (uplink thread). The two halves share only the outbox, so sampling goes on through any
    /// network outage. The board layer and the Linux host both run exactly this.
    /// </summary>
    public sealed class BoxRuntime
    {
        private const int BatchRows = TelemetryBatch.MaxRowLimit;
        private const int StatusBufferBytes = 256;

        private readonly BoxDevices _devices;
        private readonly BoxOptions _options;
        private readonly IClock _clock;
        private readonly IWallClock _wallClock;
        private readonly ObdService _obd;
        private readonly GnssReceiver? _gnss;
        private readonly OnBoxEvents _events;
        private readonly AdaptiveSampler _sampler;
        private readonly TelemetryBatch _batch;
        private readonly PersistentOutbox _outbox;
        private readonly SequenceCounter _sequence;
        private readonly BoxCommandHandler _commands;
        private readonly UplinkSession _session;
        private readonly TelemetryEncoder _telemetryEncoder = new TelemetryEncoder();
        private readonly EventEncoder _eventEncoder = new EventEncoder();
        private readonly StatusEncoder _statusEncoder = new StatusEncoder();
        private readonly BoxStatus _status = new BoxStatus();
        private readonly BoxEvent _event = new BoxEvent();
        private readonly byte[] _payload;
        private readonly byte[] _online = new byte[StatusBufferBytes];
        private readonly byte[] _offline = new byte[StatusBufferBytes];
        private bool _vehicleDescribed;
        private bool _motionArmed;
        private int _stopFlag;

        public BoxRuntime(BoxDevices devices, ProvisionedSettings settings)
            : this(devices, settings, new BoxOptions())
        {
        }

        public BoxRuntime(BoxDevices devices, ProvisionedSettings settings, BoxOptions options)
        {
            _devices = devices;
            _options = options;
            _clock = devices.Clock;
            _wallClock = devices.WallClock;
            ApplyProvisionedRates(settings, options.Sampling);
            RemoteSettingsStore.Load(devices.Store, options.Sampling);

            ISupplyVoltage? supply = devices.SupplyVoltage;
            IObdTransport transport;
            if (devices.Elm327 != null)
            {
                Elm327Link link = new Elm327Link(devices.Elm327, _clock);
                transport = new Elm327Connection(link, _clock, options.AdapterRetryMs);
                if (supply == null)
                {
                    supply = new Elm327SupplyVoltage(link);
                }
            }
            else if (devices.Can != null)
            {
                transport = new CanObdTransport(devices.Can, _clock, new CanObdOptions());
            }
            else
            {
                transport = new NoVehicleTransport();
            }

            _obd = new ObdService(transport);
            if (devices.Gnss != null)
            {
                _gnss = new GnssReceiver(devices.Gnss, _clock, options.GnssSilentAfterMs);
            }

            _events = new OnBoxEvents(new BoxEventQueue(_clock, _wallClock), options.Events);
            _sampler = new AdaptiveSampler(_obd, supply, _clock, _wallClock, _events, options.Sampling);
            _batch = new TelemetryBatch(BatchRows, options.BatchColumns);
            _payload = new byte[options.Outbox.MaxPayloadBytes];
            _outbox = new PersistentOutbox(devices.Store, options.Outbox);
            _sequence = new SequenceCounter(devices.Store);
            _sequence.AdvancePast(_outbox.HighestSequence);
            _commands = new BoxCommandHandler(_obd, _events.Ignition, options.Sampling, devices.Store, _clock);
            _session = new UplinkSession(
                devices.Mqtt, _outbox, _commands, _clock, settings.DeviceId, settings.DeviceSecret, options.Session,
                new System.Random(SeedFor(settings.DeviceId)));

            _status.FirmwareVersion = devices.FirmwareVersion;
            PublishStatus();
            _events.ReportReboot(_clock.NowMilliseconds, devices.ResetReason);
        }

        public AdaptiveSampler Sampler
        {
            get { return _sampler; }
        }

        public OnBoxEvents Events
        {
            get { return _events; }
        }

        public PersistentOutbox Outbox
        {
            get { return _outbox; }
        }

        public UplinkSession Session
        {
            get { return _session; }
        }

        public GnssReceiver? Gnss
        {
            get { return _gnss; }
        }

        public long BatchesQueued { get; private set; }

        /// <summary>Rows (one timestamp each) in the batches queued so far.</summary>
        public long SamplesQueued { get; private set; }

        public long EventsQueued { get; private set; }

        /// <summary>Messages the outbox refused (store failure, or a payload over its size limit); non-zero is a bug or a failing flash.</summary>
        public long MessagesRefused { get; private set; }

        /// <summary>The VIN once the vehicle has told it.</summary>
        public string? Vin
        {
            get { return _status.Vin; }
        }

        /// <summary>
        /// One sampling cycle: drains GNSS, samples, queues a due batch and new events into the
        /// outbox. Returns the milliseconds until the next cycle.
        /// </summary>
        public long SamplingStep()
        {
            long wait;
            GnssFix? fix = null;
            if (_gnss != null)
            {
                _gnss.Drain();
                fix = _gnss.Snapshot();
            }

            lock (_commands.VehicleGate)
            {
                wait = _sampler.RunCycle(fix, _batch);
                DescribeVehicleOnce();
            }

            if (!_sampler.Sleeps)
            {
                _motionArmed = false;
            }

            if (_sampler.BatchDue)
            {
                QueueBatch();
            }

            long dropped = _outbox.TakeDroppedCount();
            if (dropped > 0)
            {
                _events.ReportOutboxDropped(_clock.NowMilliseconds, dropped > int.MaxValue ? int.MaxValue : (int)dropped);
            }

            QueueEvents();
            return wait;
        }

        /// <summary>
        /// Looks at the motion sensor while the box sleeps between cycles (ignition off): true when it
        /// saw motion, and then the next <see cref="SamplingStep"/> should run at once. Cheap: call it
        /// as often as the loop wakes (at least every <see cref="SamplingOptions.MotionCheckMs"/>).
        /// Always false without a sensor or while the ignition is on. The sampling thread's job, like
        /// <see cref="SamplingStep"/>.
        /// </summary>
        public bool Watch()
        {
            if (_devices.Motion == null || !_sampler.Sleeps)
            {
                return false;
            }

            // The latch still holds the last drive's vibration: the first look after the box fell
            // asleep only clears it (arms the sensor), or every trip would end in a wake-up.
            if (!_motionArmed)
            {
                _motionArmed = true;
                _devices.Motion.TakeMotion();
                return false;
            }

            return _devices.Motion.TakeMotion() && _sampler.WakeOnMotion();
        }

        /// <summary>One unit of uplink work; returns the milliseconds to wait.</summary>
        public int UplinkStep()
        {
            return _session.Step();
        }

        /// <summary>Runs sampling until <see cref="Stop"/>; the partial batch is queued on the way out.</summary>
        public void RunSampling()
        {
            while (!IsStopping)
            {
                long until = _clock.NowMilliseconds + SamplingStep();
                while (!IsStopping)
                {
                    long left = until - _clock.NowMilliseconds;
                    if (left <= 0)
                    {
                        break;
                    }

                    // Short naps keep the GNSS stream drained, so no cycle sees a stale fix, and let
                    // motion wake a parked box within a nap.
                    Thread.Sleep((int)(left < _options.GnssReadSliceMs ? left : _options.GnssReadSliceMs));
                    if (_gnss != null)
                    {
                        _gnss.Drain();
                    }

                    if (Watch())
                    {
                        break;
                    }
                }
            }

            QueuePartial();
        }

        /// <summary>
        /// Queues the rows sampled since the last batch and any pending events, as a box does before
        /// it stops; the sampling thread's job, so call it only from there or once sampling has stopped.
        /// </summary>
        public void QueuePartial()
        {
            if (_batch.RowCount > 0)
            {
                QueueBatch();
            }

            QueueEvents();
        }

        /// <summary>Runs the uplink until <see cref="Stop"/>, then marks the box offline and disconnects.</summary>
        public void RunUplink()
        {
            while (!IsStopping)
            {
                int wait = UplinkStep();
                int slept = 0;
                while (!IsStopping && slept < wait)
                {
                    int nap = wait - slept < 100 ? wait - slept : 100;
                    Thread.Sleep(nap);
                    slept += nap;
                }
            }

            _session.Close();
        }

        /// <summary>Asks both loops to finish; they notice within one nap (at most a few hundred ms).</summary>
        public void Stop()
        {
            // nanoFramework has no volatile; the loops re-read the field after every sleep call.
            Interlocked.Exchange(ref _stopFlag, 1);
        }

        private bool IsStopping
        {
            get { return Interlocked.CompareExchange(ref _stopFlag, 0, 0) == 1; }
        }

        private void QueueBatch()
        {
            long sequence = _sequence.Next();
            int length = _telemetryEncoder.Encode(_batch, sequence, _payload);
            int rows = _batch.RowCount;
            _batch.Clear();
            Queue(OutboxEntryKind.Telemetry, sequence, length);
            if (length > 0)
            {
                BatchesQueued++;
                SamplesQueued += rows;
            }
        }

        private void QueueEvents()
        {
            while (_events.Queue.TryDequeue(_event))
            {
                long sequence = _sequence.Next();
                int length = _eventEncoder.Encode(_event, sequence, _payload);
                Queue(OutboxEntryKind.Event, sequence, length);
                if (length > 0)
                {
                    EventsQueued++;
                }
            }
        }

        // A sequence number wasted on a refused message leaves a gap, which the contract allows.
        private void Queue(OutboxEntryKind kind, long sequence, int length)
        {
            if (length <= 0 || !_outbox.Append(kind, sequence, _payload, 0, length))
            {
                MessagesRefused++;
            }
        }

        private void DescribeVehicleOnce()
        {
            if (_vehicleDescribed || _obd.Ecus.Count == 0)
            {
                return;
            }

            _vehicleDescribed = true;
            _status.ClearSupportedPids();
            for (int i = 0; i < _obd.Ecus.Count; i++)
            {
                _status.AddSupported(_obd.Ecus[i]);
            }

            _status.Protocol = _obd.Transport.ProtocolName;
            _status.Vin = _obd.ReadVin();
            PublishStatus();
        }

        private void PublishStatus()
        {
            long unixMs;
            _status.HasTime = _wallClock.TryGetUnixMilliseconds(out unixMs);
            _status.UnixMilliseconds = unixMs;
            _status.Online = true;
            int online = _statusEncoder.Encode(_status, _online);
            int offline = _statusEncoder.EncodeOffline(_offline);
            _session.SetStatusPayloads(_online, online, _offline, offline);
        }

        private static void ApplyProvisionedRates(ProvisionedSettings settings, SamplingOptions sampling)
        {
            if (settings.SampleIntervalMs > 0)
            {
                sampling.DrivingIntervalMs = settings.SampleIntervalMs;
            }

            if (settings.UploadIntervalMs > 0)
            {
                sampling.BatchPeriodMs = settings.UploadIntervalMs;
            }
        }

        // Boxes that power up together (a fleet garage after a power cut) must not retry in lockstep.
        private int SeedFor(string deviceId)
        {
            int seed = (int)_clock.NowMilliseconds;
            for (int i = 0; i < deviceId.Length; i++)
            {
                seed = seed * 31 + deviceId[i];
            }

            return seed;
        }
    }
}
