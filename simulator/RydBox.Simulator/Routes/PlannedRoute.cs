namespace RydBox.Simulator.Routes;

/// <summary>The fastest way between two nodes: the route to drive and the graph path it follows.</summary>
/// <param name="Nodes">Node ids from start to destination.</param>
/// <param name="Edges">Edge indexes, one fewer than <paramref name="Nodes"/>.</param>
/// <param name="TravelSeconds">Expected travel time at the speed limits with the expected stop delays.</param>
public sealed record PlannedRoute(Route Route, IReadOnlyList<int> Nodes, IReadOnlyList<int> Edges, double TravelSeconds);
