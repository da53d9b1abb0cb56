using RydBox.Simulator.Ecus;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>
/// A scenario on a <see cref="ManualClock"/>, put together as a virtual box puts it together (plan,
/// vehicle seed and identity drawn in that order from the box's seed), played by moving the clock
/// and reading the vehicle as the box's ECUs and GNSS would.
/// </summary>
public sealed class ScenarioPlayer
{
    /// <summary>Calendar time at simulation time zero: 2023-11-14 22:13:20 UTC.</summary>
    public const long StartUnixMs = 1_700_000_000_000;

    /// <summary>No scenario here lasts a day; a run that does has hung.</summary>
    private const long LongestMs = 24 * 3_600_000;

    public ScenarioPlayer(ScenarioWorld world, ScenarioDefinition scenario, int seed)
    {
        var random = new Random(seed);
        Plan = scenario.Plan(world, random);
        Vehicle = new SimulatedVehicle(random.Next(), Plan.Start);
        Run = new ScenarioRun(Plan, Vehicle, VehicleIdentity.Generate(random), new GroundTruth("sim-test", Plan.Name, seed), Clock, StartUnixMs);
    }

    public ScenarioPlan Plan { get; }

    public ManualClock Clock { get; } = new();

    public SimulatedVehicle Vehicle { get; }

    public ScenarioRun Run { get; }

    public GroundTruth Truth => Run.Truth;

    /// <summary>Plays a catalogue scenario of <paramref name="world"/> to its end, reading every second.</summary>
    public static ScenarioPlayer Play(ScenarioWorld world, string scenario, int seed) =>
        new ScenarioPlayer(world, ScenarioCatalog.Find(scenario)!, seed).PlayToEnd();

    /// <summary>Moves the clock by <paramref name="readEveryMs"/> and reads the vehicle until the script is done; <paramref name="afterRead"/> watches each read.</summary>
    public ScenarioPlayer PlayToEnd(long readEveryMs = 1_000, Action<ScenarioRun, VehicleState>? afterRead = null)
    {
        while (!Run.IsFinished)
        {
            Clock.NowMilliseconds.Should().BeLessThan(LongestMs, "the scenario should end");
            Clock.Advance(readEveryMs);
            VehicleState state = Run.Read();
            afterRead?.Invoke(Run, state);
        }

        return this;
    }

    /// <summary>Calendar time of simulation time <paramref name="simulationMs"/>.</summary>
    public static long Unix(long simulationMs) => StartUnixMs + simulationMs;
}
