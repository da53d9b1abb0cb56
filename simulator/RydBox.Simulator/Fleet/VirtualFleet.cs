using Microsoft.Extensions.Logging;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Fleet;

/// <summary>
/// Many virtual boxes, each playing a scenario in its own vehicle on its own clock:
/// sampling shares a few scheduler threads, each box's uplink has its own connection and thread.
/// </summary>
public sealed class VirtualFleet : IDisposable
{
    /// <summary>Simulated time reserved before the real now, as a multiple of the scenarios' estimated length (drives take longer than their estimate at 60 km/h).</summary>
    private const double CalendarMargin = 2;

    private readonly StepScheduler _sampling;
    private readonly ILogger _logger;
    private Exception? _firstFailure;

    public VirtualFleet(IReadOnlyList<VirtualBox> boxes, ILogger logger)
    {
        Boxes = boxes;
        _logger = logger;
        // More lanes than cores, so that one slow step (a CAN request waiting out its timeout) holds up few boxes.
        _sampling = new StepScheduler(Math.Max(4, 2 * Environment.ProcessorCount));
        _sampling.StepFailed += e =>
        {
            Interlocked.CompareExchange(ref _firstFailure, e, null);
            _logger.LogError(e, "a virtual box's sampling step failed; that box stops sampling");
        };
    }

    public IReadOnlyList<VirtualBox> Boxes { get; }

    /// <summary>The first sampling failure, if any: a bug in the simulator or the firmware.</summary>
    public Exception? Failure => Volatile.Read(ref _firstFailure);

    /// <summary>Boxes for <paramref name="devices"/>, the i-th playing <paramref name="scenarios"/>[i mod count], seeded from <paramref name="seed"/> and i.</summary>
    public static VirtualFleet Create(
        IReadOnlyList<(string DeviceId, string Secret)> devices, IReadOnlyList<ScenarioDefinition> scenarios, Uri broker,
        ScenarioWorld world, long startUnixMilliseconds, SimulationPace pace, int seed, ILogger logger)
    {
        var boxes = new List<VirtualBox>(devices.Count);
        for (int i = 0; i < devices.Count; i++)
        {
            // Every third box talks CAN directly, the others through an ELM327, as a real fleet mixes both.
            ObdPath path = i % 3 == 2 ? ObdPath.Can : ObdPath.Elm327;
            var settings = new VirtualBoxSettings(devices[i].DeviceId, devices[i].Secret, broker, path, BoxSeed(seed, i));
            boxes.Add(new VirtualBox(settings, world, scenarios[i % scenarios.Count], startUnixMilliseconds, pace, logger));
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
            box.Start(_sampling);
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
        _sampling.Dispose();
        foreach (VirtualBox box in Boxes)
        {
            box.Dispose();
        }
    }
}
