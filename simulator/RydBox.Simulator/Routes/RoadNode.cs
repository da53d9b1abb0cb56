namespace RydBox.Simulator.Routes;

/// <summary>An intersection or a junction of the road graph.</summary>
/// <param name="Id">Index of the node in <see cref="RoadNetwork.Nodes"/>.</param>
/// <param name="StopProbability">Chance that a vehicle passing through stops: 1 at a stop sign, the red-light share at a traffic light.</param>
public sealed record RoadNode(int Id, GeoPoint Position, StopControl Control = StopControl.None, double StopProbability = 0);
