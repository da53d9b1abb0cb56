using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Scenarios;

/// <summary>A circle a scenario cares about (home, school, work): ground truth records when the vehicle was inside.</summary>
public sealed record Geofence(string Name, GeoPoint Centre, double RadiusMetres)
{
    public bool Contains(GeoPoint position) => GeoMath.DistanceMetres(Centre, position) <= RadiusMetres;
}
