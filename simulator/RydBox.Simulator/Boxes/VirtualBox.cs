using Microsoft.Extensions.Logging;
using RydBox.Box.Host.Mqtt;
using RydBox.Firmware.Box;
using RydBox.Firmware.Provisioning;
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
/// RAM and a real MQTT connection to the gateway. Its sampling runs as steps on a shared
/// <see cref="StepScheduler"/>; its uplink, which waits on the network, on a thread of its own.
/// </summary>
public sealed class VirtualBox : IDisposable
{
    /// <summary>Shortest real pause of the uplink loop, so that thousands of boxes at high speed do not spin.</summary>
    private static readonly TimeSpan MinUplinkPause = TimeSpan.FromMilliseconds(10);

    private static readonly string FirmwareVersion = typeof(BoxRuntime).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly SimulationClock _clock;
    private readonly SimulationPace _pace;
    private readonly OutageLink _link;
    private readonly Elm327Interpreter? _adapter;
    private readonly CanBusEndpoint? _canPort;
    private readonly Thread _uplink;
    private readonly object _samplingGate = new();
    private bool _samplingStopped;
    private int _stopping;
    private volatile bool _uplinkStopped;

    /// <param name="startUnixMilliseconds">Calendar time at the start of the box's simulation.</param>
    /// <param name="pace">How fast the box's own clock runs, active and parked.</param>
    public VirtualBox(VirtualBoxSettings settings, ScenarioWorld world, ScenarioDefinition scenario, long startUnixMilliseconds, SimulationPace pace, ILogger logger)
    {
        Settings = settings;
        _pace = pace;
        var clock = new SimulationClock(startUnixMilliseconds, pace.Active);
        _clock = clock;
        var random = new Random(settings.Seed);
        ScenarioPlan plan = scenario.Plan(world, random);
        var vehicle = new SimulatedVehicle(random.Next(), plan.Start);
        Run = new ScenarioRun(plan, vehicle, VehicleIdentity.Generate(random), new GroundTruth(settings.DeviceId, plan.Name, settings.Seed), clock, clock.StartUnixMilliseconds);
        var gnss = new VirtualGnssPort(new GnssReceiverModel(Run, random.Next()), clock, DateTimeOffset.FromUnixTimeMilliseconds(clock.StartUnixMilliseconds).UtcDateTime);
        _link = new OutageLink(
            new MqttNetLink(new MqttLinkOptions(settings.Broker), line => logger.LogDebug("{Device}: {Line}", settings.DeviceId, line)),
            Run.Outages,
            clock);
        var devices = new BoxDevices
        {
            Gnss = gnss,
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

        Runtime = new BoxRuntime(devices, new ProvisionedSettings { DeviceId = settings.DeviceId, DeviceSecret = settings.Secret }, new BoxOptions());
        _uplink = new Thread(RunUplink, maxStackSize: 256 * 1024) { Name = $"uplink {settings.DeviceId}", IsBackground = true };
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

    public void Start(StepScheduler sampling)
    {
        _uplink.Start();
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
        while (Runtime.Outbox.Count > 0 && DateTime.UtcNow < deadline && _uplink.IsAlive)
        {
            Thread.Sleep(MinUplinkPause);
        }

        _uplinkStopped = true;
        if (_uplink.IsAlive)
        {
            _uplink.Join();
        }
    }

    public void Dispose()
    {
        Stop(TimeSpan.Zero);
        _link.Dispose();
        _adapter?.Dispose();
        _canPort?.Dispose();
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

            if (Run.QuietUntil is long quietUntil)
            {
                _clock.RunFast(_pace.Parked, quietUntil, _pace.Active);
            }
            else
            {
                _clock.Speed = _pace.Active;
            }

            return _clock.RealDuration(Runtime.SamplingStep());
        }
    }

    private void RunUplink()
    {
        while (!_uplinkStopped)
        {
            TimeSpan pause = _clock.RealDuration(Runtime.UplinkStep());
            Thread.Sleep(pause < MinUplinkPause ? MinUplinkPause : pause);
        }

        Runtime.Session.Close();
    }
}
