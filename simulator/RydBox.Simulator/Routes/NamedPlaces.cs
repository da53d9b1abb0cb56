namespace RydBox.Simulator.Routes;

/// <summary>
/// Node ids of the places scenarios drive between. Home lies in the town nearest the motorway's
/// first junction and work in the town whose fastest route from home uses the motorway most, so the
/// commute takes town streets, rural roads and (usually) the motorway.
/// </summary>
/// <param name="Home">A residential street (30 km/h zone) in the home town.</param>
/// <param name="Work">A main street (50 km/h) in another town.</param>
/// <param name="Parking">A parking spot in a third town where possible (towing, overnight parking).</param>
/// <param name="MotorwayStart">The first junction of the motorway.</param>
/// <param name="MotorwayEnd">The last junction: the stretch between the two is the whole motorway.</param>
/// <param name="TunnelStart">The junction before the motorway tunnel.</param>
/// <param name="TunnelEnd">The junction after the motorway tunnel.</param>
public sealed record NamedPlaces(int Home, int Work, int Parking, int MotorwayStart, int MotorwayEnd, int TunnelStart, int TunnelEnd);
