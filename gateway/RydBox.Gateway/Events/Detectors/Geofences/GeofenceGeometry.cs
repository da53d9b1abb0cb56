using System.Globalization;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>
/// Polygon arithmetic on a local equirectangular projection (x east, y north, metres) around the
/// polygon's first vertex. Across the few kilometres a geofence spans this is within centimetres of
/// the true geometry, far below GNSS error, and keeps ray casting and edge distances plain 2-D maths.
/// </summary>
internal static class GeofenceGeometry
{
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Polygons smaller than this (m²) have no usable inside.</summary>
    private const double MinimumAreaSquareMetres = 1;

    public static double PolygonSignedDistanceMetres(IReadOnlyList<Place> vertices, Place position)
    {
        (double X, double Y)[] ring = Project(vertices, out Projection projection);
        (double px, double py) = projection.Apply(position);
        double nearest = double.PositiveInfinity;
        bool inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            (double xi, double yi) = ring[i];
            (double xj, double yj) = ring[j];
            nearest = Math.Min(nearest, DistanceToSegment(px, py, xi, yi, xj, yj));

            // Ray casting: count the edges a ray from the point towards +x crosses.
            if ((yi > py) != (yj > py) && px < ((xj - xi) * (py - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside ? -nearest : nearest;
    }

    /// <summary>Throws unless the vertices make a simple polygon (at least 3 distinct vertices, no crossing edges, an area).</summary>
    public static void CheckPolygon(string id, IReadOnlyList<Place> vertices)
    {
        int count = RingLength(vertices);
        if (count < 3)
        {
            throw new ArgumentException(Invariant($"Geofence '{id}': a polygon needs at least 3 vertices (got {count})."));
        }

        (double X, double Y)[] ring = Project(vertices, out _);
        for (int i = 0; i < ring.Length; i++)
        {
            (double X, double Y) next = ring[(i + 1) % ring.Length];
            if (ring[i] == next)
            {
                throw new ArgumentException(Invariant($"Geofence '{id}': vertices {i} and {(i + 1) % ring.Length} are the same point."));
            }
        }

        for (int i = 0; i < ring.Length; i++)
        {
            for (int j = i + 1; j < ring.Length; j++)
            {
                bool adjacent = j == i + 1 || (i == 0 && j == ring.Length - 1);
                if (!adjacent && SegmentsIntersect(ring[i], ring[(i + 1) % ring.Length], ring[j], ring[(j + 1) % ring.Length]))
                {
                    throw new ArgumentException(Invariant(
                        $"Geofence '{id}': edges {i}-{(i + 1) % ring.Length} and {j}-{(j + 1) % ring.Length} cross; a geofence polygon must be simple (not self-intersecting)."));
                }
            }
        }

        double twiceArea = 0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            twiceArea += (ring[j].X * ring[i].Y) - (ring[i].X * ring[j].Y);
        }

        if (Math.Abs(twiceArea) / 2 < MinimumAreaSquareMetres)
        {
            throw new ArgumentException(Invariant($"Geofence '{id}': the polygon has no area (its vertices lie on one line)."));
        }
    }

    /// <summary>The vertices without a closing vertex that repeats the first.</summary>
    private static int RingLength(IReadOnlyList<Place> vertices) =>
        vertices.Count > 1 && vertices[0] == vertices[^1] ? vertices.Count - 1 : vertices.Count;

    private static (double X, double Y)[] Project(IReadOnlyList<Place> vertices, out Projection projection)
    {
        int count = RingLength(vertices);
        double meanLatitude = 0;
        for (int i = 0; i < count; i++)
        {
            meanLatitude += vertices[i].Latitude;
        }

        projection = new Projection(vertices[0], meanLatitude / count);
        var ring = new (double X, double Y)[count];
        for (int i = 0; i < count; i++)
        {
            ring[i] = projection.Apply(vertices[i]);
        }

        return ring;
    }

    private static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double lengthSquared = (dx * dx) + (dy * dy);
        double t = lengthSquared == 0 ? 0 : Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / lengthSquared, 0, 1);
        double cx = ax + (t * dx) - px, cy = ay + (t * dy) - py;
        return Math.Sqrt((cx * cx) + (cy * cy));
    }

    private static bool SegmentsIntersect((double X, double Y) a, (double X, double Y) b, (double X, double Y) c, (double X, double Y) d)
    {
        double d1 = Cross(c, d, a), d2 = Cross(c, d, b), d3 = Cross(a, b, c), d4 = Cross(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        // Touching or overlapping: a vertex lying on another edge also makes the polygon not simple.
        return (d1 == 0 && OnSegment(c, d, a)) || (d2 == 0 && OnSegment(c, d, b))
            || (d3 == 0 && OnSegment(a, b, c)) || (d4 == 0 && OnSegment(a, b, d));
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static bool OnSegment((double X, double Y) a, (double X, double Y) b, (double X, double Y) p) =>
        Math.Min(a.X, b.X) <= p.X && p.X <= Math.Max(a.X, b.X) && Math.Min(a.Y, b.Y) <= p.Y && p.Y <= Math.Max(a.Y, b.Y);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Projection(Place Origin, double ReferenceLatitude)
    {
        public (double X, double Y) Apply(Place p)
        {
            // Longitudes are taken the short way round, so a fence across the antimeridian stays whole.
            double dLon = p.Longitude - Origin.Longitude;
            dLon -= 360 * Math.Round(dLon / 360);
            double x = EarthRadiusMetres * double.DegreesToRadians(dLon) * Math.Cos(double.DegreesToRadians(ReferenceLatitude));
            double y = EarthRadiusMetres * double.DegreesToRadians(p.Latitude - Origin.Latitude);
            return (x, y);
        }
    }
}
