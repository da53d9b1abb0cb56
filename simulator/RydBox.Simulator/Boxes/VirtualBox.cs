using Microsoft.Extensions.Logging;
using RydBox.Box.Host.Mqtt;
using RydBox.Firmware.Box;
using RydBox.Firmware.Provisioning;
using RydBox.Firmware.Sampling;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Elm327;
using RydBox.Simulator.Gnss;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Boxes;

/// <summary>
/// One virtual box in its vehicle: the real firmware core (<see cref="BoxRuntime"/>) wired to a
/// scenario's vehicle through an emulated ELM327 or the CAN bus, a virtual GNSS receiver, flash in
/// RAM and a real MQTT connection to the gateway (or a <see cref="CapturingLink"/> in the same
/// process). Its sampling and its uplink run as steps on shared <see cref="StepScheduler"/>s, so
/// ten thousand boxes need a few hundred threads, not ten thousand: the uplink's steps wait on the
/// network (a publish returns with its PUBACK), so they get a scheduler of their own with many more
/// threads than the sampling one.
/// </summary>
public sealed class VirtualBox : IDisposable
{
    /// <summary>Shortest real pause of a waiting uplink, so that thousands of boxes at high speed do not spin.</summary>
    private static readonly TimeSpan MinUplinkPause = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Shortest real pause of an idle uplink (nothing to send): at high speed the firmware's own
    /// idle interval would be a few real milliseconds, and ten thousand boxes polling that often
    /// would cost more CPU than their sampling. A message waits at most this long for its publish.
    /// </summary>
    private static readonly TimeSpan IdleUplinkPause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Shortest real pause between looks at the motion sensor: at the parked pace the firmware's
    /// check interval is a fraction of a real millisecond, and thousands of boxes would spin on it;
    /// the scheduler's threads do not wake much more precisely than this anyway. It matters only
    /// above 200x: at the active 150x a simulated second is 6.7 ms of real time.
    /// </summary>
    private static readonly TimeSpan MinMotionCheckPause = TimeSpan.FromMilliseconds(5);

    /// <summary>How long <see cref="Stop"/> waits for the uplink's last step (closing the connection) beyond the drain.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(15);

    private static readonly string FirmwareVersion = typeof(BoxRuntime).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly SimulationClock _clock;
    private readonly SimulationPace _pace;
    private readonly BoxOptions _options = new();
    private readonly OutageLink _link;
    private readonly Elm327Interpreter? _adapter;
    private readonly CanBusEndpoint? _canPort;
    private readonly ManualResetEventSlim _uplinkClosed = new();
    private readonly object _samplingGate = new();
    private bool _samplingStopped;
    private int _stopping;
    private volatile bool _uplinkStopped;
    private bool _started;

    /// <summary>When (box time) the firmware wants its next sampling cycle; until then the step only looks at the motion sensor.</summary>
    private long _nextCycleMilliseconds;

    /// <param name="startUnixMilliseconds">Calendar time at the start of the box's simulation.</param>
    /// <param name="pace">How fast the box's own clock runs, active and parked.</param>
    /// <param name="publishes">Told how long each publish took to be acknowledged.</param>
    /// <param name="capture">
    /// When set, the box publishes to this callback through a <see cref="CapturingLink"/> instead of over
    /// MQTT to <see cref="VirtualBoxSettings.Broker"/> (which is then not used); outages still hold messages back.
    /// </param>
    public VirtualBox(
        VirtualBoxSettings settings, ScenarioWorld world, ScenarioDefinition scenario, long startUnixMilliseconds, SimulationPace pace, ILogger logger,
        IPublishRecorder? publishes = null, Action<CapturedMessage>? capture = null)
    {
        Settings = settings;
        _pace = pace;
        var clock = new SimulationClock(startUnixMilliseconds, pace.Active) { SkipsWaits = true };
        _clock = clock;
        var random = new Random(settings.Seed);
        ScenarioPlan plan = scenario.Plan(world, random);
        var vehicle = new SimulatedVehicle(random.Next(), plan.Start);
        Run = new ScenarioRun(plan, vehicle, VehicleIdentity.Generate(random), new GroundTruth(settings.DeviceId, plan.Name, settings.Seed), clock, clock.StartUnixMilliseconds);
        var gnss = new VirtualGnssPort(new GnssReceiverModel(Run, random.Next()), clock, DateTimeOffset.FromUnixTimeMilliseconds(clock.StartUnixMilliseconds).UtcDateTime);
        if (capture is null)
        {
            _link = new OutageLink(
                new MqttNetLink(new MqttLinkOptions(settings.Broker), line => logger.LogDebug("{Device}: {Line}", settings.DeviceId, line)),
                Run.Outages,
                clock,
                publishes);
        }
        else
        {
            var captured = new CapturingLink(clock, capture);
            _link = new OutageLink(captured, captured.Abort, Run.Outages, clock, publishes);
        }

        var devices = new BoxDevices
        {
            Gnss = gnss,
            Motion = new VirtualMotionSensor(Run),
            Store = Store,
            Mqtt = _link,
            Clock = clock,
            WallClock = clock,
            ResetReason = "first start",
            FirmwareVersion = FirmwareVersion,
        };
        if (settings.Path == ObdPath.Can)
        {
            _canPort = Run.Ecus.CreateBus(clock).OpenEndpoint();
            devices.Can = _canPort;

            // A CAN box has no adapter to ask for the voltage (ATRV); its board measures it.
            devices.SupplyVoltage = new VehicleSupplyVoltage(Run);
        }
        else
        {
            _adapter = new Elm327Emulator(Run.Ecus, clock, new Elm327Options()).NewAdapter();
            devices.Elm327 = new InProcessAdapterStream(_adapter);
        }

        Runtime = new BoxRuntime(devices, new ProvisionedSettings { DeviceId = settings.DeviceId, DeviceSecret = settings.Secret }, _options);
    }

    public VirtualBoxSettings Settings { get; }

    /// <summary>The box's own time, shared with its vehicle, GNSS and ECUs.</summary>
    public SimulationClock Clock => _clock;

    public ScenarioRun Run { get; }

    public BoxRuntime Runtime { get; }

    public MemoryKeyValueStore Store { get; } = new();

    /// <summary>Connection attempts and publishes refused by the scenario's network outages.</summary>
    public long CallsRefusedByOutages => _link.CallsRefused;

    /// <summary>The scenario is over and every message the box made has been delivered.</summary>
    public bool IsDone => Run.IsFinished && Runtime.Outbox.Count == 0;

    public void Start(StepScheduler sampling, StepScheduler uplinks)
    {
        _started = true;
        uplinks.Add(UplinkStep);
        sampling.Add(SamplingStep);
    }

    /// <summary>Queues what the box still holds in RAM, waits up to <paramref name="drain"/> for the outbox to empty, then goes offline.</summary>
    public void Stop(TimeSpan drain)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }

        lock (_samplingGate)
        {
            _samplingStopped = true;
            Runtime.QueuePartial();
        }

        var deadline = DateTime.UtcNow + drain;
        while (_started && Runtime.Outbox.Count > 0 && DateTime.UtcNow < deadline && !_uplinkClosed.IsSet)
        {
            Thread.Sleep(MinUplinkPause);
        }

        _uplinkStopped = true;
        if (_started)
        {
            _uplinkClosed.Wait(CloseTimeout);
        }
    }

    public void Dispose()
    {
        Stop(TimeSpan.Zero);
        _link.Dispose();
        _adapter?.Dispose();
        _canPort?.Dispose();
        _uplinkClosed.Dispose();
    }

    private TimeSpan? SamplingStep()
    {
        lock (_samplingGate)
        {
            if (_samplingStopped)
            {
                return null;
            }

            Run.Read();
            if (Run.IsFinished)
            {
                // The story is told: the box queues what it holds and samples no more, so its clock
                // racing on cannot stamp data beyond the scenario's end.
                _samplingStopped = true;
                Runtime.QueuePartial();
                return null;
            }

            long? quietUntil = Run.QuietUntil;
            if (quietUntil is long until)
            {
                _clock.RunFast(_pace.Parked, until, _pace.Active);
            }
            else
            {
                _clock.Speed = _pace.Active;
            }

            if (_clock.NowMilliseconds >= _nextCycleMilliseconds || Runtime.Watch())
            {
                _nextCycleMilliseconds = _clock.NowMilliseconds + Runtime.SamplingStep();
            }

            return UntilNextStep(quietUntil);
        }
    }

    /// <summary>
    /// The real time until the next cycle, or until the next look at the motion sensor if that comes
    /// first: a board wakes on the sensor's interrupt, a virtual box must come back to look. It looks
    /// every <see cref="SamplingOptions.MotionCheckMs"/> while the firmware sleeps between cycles, but
    /// not through a quiet stretch (nothing can move the vehicle before its end), and never sooner
    /// than <see cref="MinMotionCheckPause"/> of real time.
    /// </summary>
    private TimeSpan UntilNextStep(long? quietUntil)
    {
        long now = _clock.NowMilliseconds;
        long untilCycle = _nextCycleMilliseconds - now;
        long untilLook = quietUntil is long until ? until - now : _options.Sampling.MotionCheckMs;
        if (!Runtime.Sampler.Sleeps || untilCycle <= untilLook)
        {
            return _clock.RealDuration(untilCycle);
        }

        TimeSpan look = _clock.RealDuration(untilLook);
        return look < MinMotionCheckPause ? MinMotionCheckPause : look;
    }

    private TimeSpan? UplinkStep()
    {
        if (_uplinkStopped)
        {
            Runtime.Session.Close();
            _uplinkClosed.Set();
            return null;
        }

        int wait = Runtime.UplinkStep();
        if (wait <= 0)
        {
            // More to send: the step waits on the network anyway, so going on at once cannot spin.
            return TimeSpan.Zero;
        }

        TimeSpan pause = _clock.RealDuration(wait);
        TimeSpan least = wait == _options.Session.IdleWaitMilliseconds ? IdleUplinkPause : MinUplinkPause;
        return pause < least ? least : pause;
    }
}
