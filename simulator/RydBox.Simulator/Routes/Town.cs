namespace RydBox.Simulator.Routes;

/// <summary>A town of the synthetic network: a grid of streets around a centre.</summary>
/// <param name="Nodes">Every intersection of the town's grid.</param>
public sealed record Town(string Name, int CentreNode, IReadOnlyList<int> Nodes);
