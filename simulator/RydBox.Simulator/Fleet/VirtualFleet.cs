using Microsoft.Extensions.Logging;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Fleet;

/// <summary>
/// Many virtual boxes, each playing a scenario in its own vehicle on its own clock and with its
/// own MQTT connection: sampling shares a few scheduler threads, the uplinks (which wait on the
/// network) share <see cref="DefaultUplinkThreads"/> more.
/// </summary>
public sealed class VirtualFleet : IDisposable
{
    /// <summary>Simulated time reserved before the real now, as a multiple of the scenarios' estimated length (drives take longer than their estimate at 60 km/h).</summary>
    private const double CalendarMargin = 2;

    /// <summary>
    /// Uplink threads: a publish holds one until its PUBACK, so this many messages can be in flight
    /// at once. At a PUBACK time of 50 ms (a gateway committing under load) that is 2,500 messages
    /// a second, more than ten thousand boxes sampling in real time send.
    /// </summary>
    public const int DefaultUplinkThreads = 128;

    private readonly StepScheduler _sampling;
    private readonly StepScheduler _uplinks;
    private readonly ILogger _logger;
    private Exception? _firstFailure;

    public VirtualFleet(IReadOnlyList<VirtualBox> boxes, ILogger logger, int uplinkThreads = DefaultUplinkThreads)
    {
        Boxes = boxes;
        _logger = logger;
        // More lanes than cores, so that a step that takes long (a box's first PID discovery) holds up few boxes.
        _sampling = new StepScheduler(Math.Max(4, 2 * Environment.ProcessorCount));
        _sampling.StepFailed += e => Fail(e, "sampling");
        _uplinks = new StepScheduler(Math.Min(uplinkThreads, Math.Max(1, boxes.Count)));
        _uplinks.StepFailed += e => Fail(e, "uplink");
    }

    public IReadOnlyList<VirtualBox> Boxes { get; }

    /// <summary>The first failed sampling or uplink step, if any: a bug in the simulator or the firmware.</summary>
    public Exception? Failure => Volatile.Read(ref _firstFailure);

    /// <summary>
    /// Boxes for <paramref name="devices"/>, the i-th playing <paramref name="scenarios"/>[i mod count], seeded from <paramref name="seed"/> and i;
    /// <paramref name="publishes"/> is told about every publish of every box.
    /// </summary>
    public static VirtualFleet Create(
        IReadOnlyList<(string DeviceId, string Secret)> devices, IReadOnlyList<ScenarioDefinition> scenarios, Uri broker,
        ScenarioWorld world, long startUnixMilliseconds, SimulationPace pace, int seed, ILogger logger, IPublishRecorder? publishes = null)
    {
        var boxes = new List<VirtualBox>(devices.Count);
        for (int i = 0; i < devices.Count; i++)
        {
            // Every third box talks CAN directly, the others through an ELM327, as a real fleet mixes both.
            ObdPath path = i % 3 == 2 ? ObdPath.Can : ObdPath.Elm327;
            var settings = new VirtualBoxSettings(devices[i].DeviceId, devices[i].Secret, broker, path, BoxSeed(seed, i));
            boxes.Add(new VirtualBox(settings, world, scenarios[i % scenarios.Count], startUnixMilliseconds, pace, logger, publishes));
        }

        return new VirtualFleet(boxes, logger);
    }

    /// <summary>
    /// The longest simulated time the first <paramref name="count"/> boxes' scenarios are expected to
    /// take, and a calendar start that ends even a slow run before the real now, so that no gateway
    /// takes the data for the future.
    /// </summary>
    public static (long LongestMilliseconds, long StartUnixMilliseconds) Calendar(
        ScenarioWorld world, IReadOnlyList<ScenarioDefinition> scenarios, int count, int seed)
    {
        long longest = Enumerable.Range(0, count).Max(i =>
            scenarios[i % scenarios.Count].Plan(world, new Random(BoxSeed(seed, i))).Steps.Sum(s => s.EstimatedMilliseconds));
        return (longest, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)(longest * CalendarMargin));
    }

    /// <summary>The seed of box <paramref name="index"/> of a fleet seeded with <paramref name="fleetSeed"/>: stable across runs and machines.</summary>
    public static int BoxSeed(int fleetSeed, int index) => unchecked((fleetSeed * 1_000_003) + index) & int.MaxValue;

    public void Start()
    {
        foreach (VirtualBox box in Boxes)
        {
            box.Start(_sampling, _uplinks);
        }
    }

    public FleetProgress Progress() => new(
        Boxes.Count,
        Boxes.Count(b => b.Run.IsFinished),
        SlowestClock(),
        Boxes.Sum(b => b.Runtime.SamplesQueued),
        Boxes.Sum(b => b.Runtime.EventsQueued),
        Boxes.Sum(b => (long)b.Runtime.Outbox.Count),
        Boxes.Sum(b => (long)b.Runtime.Session.Published));

    /// <summary>Simulation time of the box furthest behind that is still playing its scenario (all boxes run their own clocks).</summary>
    private long SlowestClock()
    {
        VirtualBox[] playing = Boxes.Where(b => !b.Run.IsFinished).ToArray();
        return (playing.Length > 0 ? playing : Boxes).Min(b => b.Clock.NowMilliseconds);
    }

    /// <summary>Stops every box, giving each up to <paramref name="drain"/> to deliver what it still holds.</summary>
    public void Stop(TimeSpan drain) => Parallel.ForEach(Boxes, box => box.Stop(drain));

    public void Dispose()
    {
        // Stopped before their schedulers go: a box's last uplink step closes its connection.
        Stop(TimeSpan.Zero);
        _sampling.Dispose();
        _uplinks.Dispose();
        foreach (VirtualBox box in Boxes)
        {
            box.Dispose();
        }
    }

    private void Fail(Exception e, string part)
    {
        Interlocked.CompareExchange(ref _firstFailure, e, null);
        _logger.LogError(e, "a virtual box's {Part} step failed; that box's {Part} stops", part, part);
    }
}
