using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Fleet;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// The load generator with --boxes-from simulator: the simulator's virtual boxes (the real firmware
/// core sampling simulated vehicles through the scenarios, each box its own MQTT connection) logged
/// in as the benchmark's devices. Speaks the same stdin protocol as <see cref="BoxFleet"/>; a paced
/// phase is the vehicles' own pace, so there is no flat-out phase. Every box's publishes are timed
/// to their PUBACK, which the embedded broker sends after the commit.
/// </summary>
internal sealed class SimulatedBoxFleet : IDisposable
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    /// <summary>Quiet parked stretches pass at least this fast, so that boxes reach their drives soon after connecting.</summary>
    private const double LeastParkedSpeed = 60;

    private const int Seed = 1;

    private readonly LoadOptions _options;
    private readonly string _secret;
    private readonly ScenarioWorld _world = new(Seed);
    private readonly RelayRecorder _relay = new();
    private readonly List<VirtualFleet> _fleets = [];
    private readonly long _calendarStart;
    private readonly ILoggerFactory _loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));

    private SimulatedBoxFleet(LoadOptions options, string secret)
    {
        _options = options;
        _secret = secret;
        (_, _calendarStart) = VirtualFleet.Calendar(_world, ScenarioCatalog.All, options.Boxes, Seed);
    }

    private IEnumerable<VirtualBox> Boxes => _fleets.SelectMany(f => f.Boxes);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        string secret = Environment.GetEnvironmentVariable(LoadServer.SecretVariable) ?? throw new InvalidOperationException($"{LoadServer.SecretVariable} is not set");
        using var fleet = new SimulatedBoxFleet(options, secret);
        while (await Console.In.ReadLineAsync() is string line)
        {
            string[] command = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (command.FirstOrDefault())
            {
                case "connect":
                    LoadProtocol.Emit("connected", await fleet.ConnectAsync(int.Parse(command[1], CultureInfo.InvariantCulture)));
                    break;
                case LoadPhases.Paced:
                    LoadProtocol.Emit("phase", await fleet.RunPhaseAsync());
                    break;
                case "quit":
                    Parallel.ForEach(fleet._fleets, f => f.Stop(Drain));
                    LoadProtocol.Emit("done", new DoneReport(fleet._relay.AcknowledgedCount, fleet._relay.Failures));
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown command {line}");
                    break;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        foreach (VirtualFleet fleet in _fleets)
        {
            fleet.Dispose();
        }

        _loggers.Dispose();
    }

    /// <summary>Starts boxes up to <paramref name="upTo"/> and waits until they are online (they retry on their own, as boxes do).</summary>
    private async Task<ConnectReport> ConnectAsync(int upTo)
    {
        long started = Stopwatch.GetTimestamp();
        int have = Boxes.Count();
        upTo = Math.Min(upTo, _options.Boxes);
        if (upTo > have)
        {
            var accounts = Enumerable.Range(have, upTo - have).Select(i => (LoadOptions.DeviceId(i), _secret)).ToList();
            var pace = new SimulationPace(_options.SimulatorSpeed, Math.Max(_options.SimulatorSpeed, LeastParkedSpeed));
            var broker = new Uri(string.Create(CultureInfo.InvariantCulture, $"mqtt://{_options.Host}:{_options.Port}"));
            VirtualFleet fleet = VirtualFleet.Create(
                accounts, ScenarioCatalog.All, broker, _world, _calendarStart, pace, Seed + have, _loggers.CreateLogger("RydBox.Simulator"), _relay);
            _fleets.Add(fleet);
            fleet.Start();
        }

        while (Boxes.Count(b => b.Runtime.Session.IsConnected) < upTo && Stopwatch.GetElapsedTime(started) < ConnectPatience)
        {
            await Task.Delay(100);
        }

        VirtualBox[] boxes = Boxes.ToArray();
        int connected = boxes.Count(b => b.Runtime.Session.IsConnected);
        return new ConnectReport(
            connected,
            Refused: 0,
            Failed: boxes.Length - connected,
            Retries: boxes.Sum(b => b.Runtime.Session.FailedConnects),
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            boxes.Select(b => b.Runtime.Session.LastError).FirstOrDefault(e => e.Length > 0));
    }

    private async Task<PhaseReport> RunPhaseAsync()
    {
        (long samples, long batches) before = Made();
        var timeline = new PhaseTimeline(_options, LoadPhases.Paced);
        _relay.Current = timeline.Recorder;
        await PhaseTimeline.DelayUntil(timeline.End);
        _relay.Current = null;
        (long samples, long batches) after = Made();
        long batches = after.batches - before.batches;
        return await timeline.FinishAsync(batches > 0 ? (after.samples - before.samples) / (double)batches : null);
    }

    private (long Samples, long Batches) Made() =>
        (Boxes.Sum(b => b.Runtime.SamplesQueued), Boxes.Sum(b => b.Runtime.BatchesQueued));

    /// <summary>Passes every box's publishes to the running phase's recorder, and counts them all.</summary>
    private sealed class RelayRecorder : IPublishRecorder
    {
        private long _acknowledged;
        private long _failures;

        public volatile PhaseRecorder? Current;

        public long AcknowledgedCount => Interlocked.Read(ref _acknowledged);

        public long Failures => Interlocked.Read(ref _failures);

        public void Acknowledged(long timestamp, long latencyTicks)
        {
            Interlocked.Increment(ref _acknowledged);
            ((IPublishRecorder?)Current)?.Acknowledged(timestamp, latencyTicks);
        }

        public void Failed(long timestamp, string topic)
        {
            Interlocked.Increment(ref _failures);
            ((IPublishRecorder?)Current)?.Failed(timestamp, topic);
        }
    }
}
