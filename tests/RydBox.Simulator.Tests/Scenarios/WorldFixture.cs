using RydBox.Simulator.Scenarios;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>One generated world per test class: generating the roads is the slow part of a scenario's setup.</summary>
public sealed class WorldFixture
{
    public const int WorldSeed = 2024;

    public ScenarioWorld World { get; } = new(WorldSeed);
}
