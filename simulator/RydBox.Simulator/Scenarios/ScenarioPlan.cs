using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Scenarios;

/// <summary>A scenario made concrete for one vehicle: where it starts, its script and the geofences its truth tracks.</summary>
public sealed record ScenarioPlan(string Name, GeoPoint Start, IReadOnlyList<ScenarioStep> Steps, IReadOnlyList<Geofence> Fences);
