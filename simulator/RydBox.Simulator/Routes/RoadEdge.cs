namespace RydBox.Simulator.Routes;

/// <summary>
/// A two-way road between two nodes. <see cref="Shape"/> runs from <see cref="From"/> to
/// <see cref="To"/>, both ends included, with altitudes.
/// </summary>
public sealed record RoadEdge(int From, int To, RoadClass Class, double SpeedLimitKmh, bool IsTunnel, IReadOnlyList<GeoPoint> Shape)
{
    /// <summary>Length along the shape, metres.</summary>
    public double LengthMetres { get; } = PolylineLength(Shape);

    /// <summary>The node at the other end from <paramref name="node"/>.</summary>
    public int Other(int node) => node == From ? To : From;

    private static double PolylineLength(IReadOnlyList<GeoPoint> shape)
    {
        double length = 0;
        for (int i = 1; i < shape.Count; i++)
        {
            length += GeoMath.DistanceMetres(shape[i - 1], shape[i]);
        }

        return length;
    }
}
