namespace RydBox.Simulator.Routes;

/// <summary>A WGS-84 position in degrees with an altitude above sea level in metres.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude, double AltitudeMetres = 0);
