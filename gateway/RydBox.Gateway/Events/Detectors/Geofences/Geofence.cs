using System.Globalization;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>
/// One geofence: a circle (<see cref="Centre"/>, <see cref="RadiusMetres"/>) or a simple polygon
/// (<see cref="Vertices"/>, not repeating the first one at the end, although a closing vertex equal
/// to the first is accepted). A plain record so it is stored and sent as JSON as it is; make one with
/// <see cref="Circle"/> or <see cref="Polygon"/> and check it with <see cref="Validate"/>.
/// </summary>
public sealed record Geofence(
    string Id,
    string Name,
    GeofenceShape Shape,
    Place? Centre = null,
    double RadiusMetres = 0,
    IReadOnlyList<Place>? Vertices = null)
{
    public static Geofence Circle(string id, string name, Place centre, double radiusMetres) =>
        new(id, name, GeofenceShape.Circle, centre, radiusMetres);

    public static Geofence Polygon(string id, string name, IReadOnlyList<Place> vertices) =>
        new(id, name, GeofenceShape.Polygon, Vertices: vertices);

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong with the shape.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            throw new ArgumentException("A geofence needs a non-empty id.");
        }

        if (Name is null)
        {
            throw new ArgumentException(Invariant($"Geofence '{Id}' needs a name."));
        }

        switch (Shape)
        {
            case GeofenceShape.Circle:
                if (Centre is null)
                {
                    throw new ArgumentException(Invariant($"Geofence '{Id}' is a circle without a centre."));
                }

                CheckPlace(Centre, "its centre");
                if (!double.IsFinite(RadiusMetres) || RadiusMetres <= 0)
                {
                    throw new ArgumentException(Invariant($"Geofence '{Id}': the radius must be more than 0 m (got {RadiusMetres} m)."));
                }

                break;

            case GeofenceShape.Polygon:
                if (Vertices is null)
                {
                    throw new ArgumentException(Invariant($"Geofence '{Id}' is a polygon without vertices."));
                }

                for (int i = 0; i < Vertices.Count; i++)
                {
                    if (Vertices[i] is null)
                    {
                        throw new ArgumentException(Invariant($"Geofence '{Id}': vertex {i} is missing."));
                    }

                    CheckPlace(Vertices[i], Invariant($"vertex {i}"));
                }

                GeofenceGeometry.CheckPolygon(Id, Vertices);
                break;

            default:
                throw new ArgumentException(Invariant($"Geofence '{Id}' has an unknown shape {(int)Shape}."));
        }
    }

    /// <summary>
    /// Metres from <paramref name="position"/> to the boundary: negative inside, positive outside.
    /// Call on a validated fence.
    /// </summary>
    public double SignedDistanceMetres(Place position) => Shape == GeofenceShape.Circle
        ? position.DistanceMetresTo(Centre!) - RadiusMetres
        : GeofenceGeometry.PolygonSignedDistanceMetres(Vertices!, position);

    public bool Contains(Place position) => SignedDistanceMetres(position) <= 0;

    private void CheckPlace(Place place, string what)
    {
        if (!double.IsFinite(place.Latitude) || place.Latitude < -90 || place.Latitude > 90)
        {
            throw new ArgumentException(Invariant($"Geofence '{Id}': {what} has latitude {place.Latitude}, outside -90..90."));
        }

        if (!double.IsFinite(place.Longitude) || place.Longitude < -180 || place.Longitude > 180)
        {
            throw new ArgumentException(Invariant($"Geofence '{Id}': {what} has longitude {place.Longitude}, outside -180..180."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
