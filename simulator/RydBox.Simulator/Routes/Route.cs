namespace RydBox.Simulator.Routes;

/// <summary>
/// An ordered path for a vehicle: points with the road's properties and the cumulative distance of
/// each point from the start. Immutable; positions in between are interpolated linearly.
/// </summary>
public sealed class Route
{
    private readonly RoutePoint[] _points;
    private readonly double[] _distances;
    private readonly double[] _headings;
    private readonly double[] _grades;

    /// <param name="points">At least two points; consecutive duplicates (under 1 cm apart) are merged,
    /// the later one's stop kept if the earlier had none.</param>
    /// <exception cref="ArgumentException">Fewer than two distinct points.</exception>
    public Route(IEnumerable<RoutePoint> points)
    {
        _points = MergeDuplicates(points);
        if (_points.Length < 2)
        {
            throw new ArgumentException("A route needs at least two distinct points.", nameof(points));
        }

        int n = _points.Length;
        _distances = new double[n];
        _headings = new double[n - 1];
        _grades = new double[n - 1];
        for (int i = 0; i < n - 1; i++)
        {
            double length = GeoMath.DistanceMetres(_points[i].Position, _points[i + 1].Position);
            _distances[i + 1] = _distances[i] + length;
            _headings[i] = GeoMath.BearingDegrees(_points[i].Position, _points[i + 1].Position);
            _grades[i] = (_points[i + 1].Position.AltitudeMetres - _points[i].Position.AltitudeMetres) / length;
        }
    }

    public IReadOnlyList<RoutePoint> Points => _points;

    /// <summary>Distance of each point from the start along the route, metres; same indexes as <see cref="Points"/>.</summary>
    public IReadOnlyList<double> Distances => _distances;

    public double LengthMetres => _distances[^1];

    public GeoPoint Start => _points[0].Position;

    public GeoPoint End => _points[^1].Position;

    /// <summary>Heading of the stretch starting at point <paramref name="segment"/>, degrees.</summary>
    public double SegmentHeading(int segment) => _headings[segment];

    /// <summary>Length of the stretch starting at point <paramref name="segment"/>, metres.</summary>
    public double SegmentLength(int segment) => _distances[segment + 1] - _distances[segment];

    /// <summary>The position <paramref name="distanceMetres"/> along the route, clamped to its ends.</summary>
    public RoutePosition At(double distanceMetres) => At(distanceMetres, SegmentContaining(distanceMetres));

    /// <summary>
    /// As <see cref="At(double)"/>, searching forward from <paramref name="segmentHint"/> (a previous
    /// answer's <see cref="RoutePosition.SegmentIndex"/>): constant time for a vehicle moving forward.
    /// </summary>
    public RoutePosition At(double distanceMetres, int segmentHint)
    {
        double d = Math.Clamp(distanceMetres, 0, LengthMetres);
        int i = Math.Clamp(segmentHint, 0, _points.Length - 2);
        if (_distances[i] > d)
        {
            i = SegmentContaining(d);
        }

        while (i < _points.Length - 2 && _distances[i + 1] <= d)
        {
            i++;
        }

        RoutePoint from = _points[i];
        double t = (d - _distances[i]) / SegmentLength(i);
        return new RoutePosition(
            GeoMath.Lerp(from.Position, _points[i + 1].Position, t),
            _headings[i],
            from.SpeedLimitKmh,
            from.IsTunnel,
            _grades[i],
            i);
    }

    /// <summary>The same road driven the other way: limits and tunnels move to the reversed stretches.</summary>
    public Route Reversed()
    {
        int n = _points.Length;
        var reversed = new RoutePoint[n];
        for (int i = 0; i < n; i++)
        {
            RoutePoint stretch = _points[Math.Max(0, n - 2 - i)];
            reversed[i] = _points[n - 1 - i] with { SpeedLimitKmh = stretch.SpeedLimitKmh, IsTunnel = stretch.IsTunnel };
        }

        return new Route(reversed);
    }

    private int SegmentContaining(double distanceMetres)
    {
        int index = Array.BinarySearch(_distances, distanceMetres);
        int segment = index >= 0 ? index : ~index - 1;
        return Math.Clamp(segment, 0, _points.Length - 2);
    }

    private static RoutePoint[] MergeDuplicates(IEnumerable<RoutePoint> points)
    {
        const double SamePlaceMetres = 0.01;
        var merged = new List<RoutePoint>();
        foreach (RoutePoint point in points)
        {
            if (merged.Count > 0 && GeoMath.DistanceMetres(merged[^1].Position, point.Position) < SamePlaceMetres)
            {
                if (merged[^1].Stop == StopControl.None)
                {
                    merged[^1] = merged[^1] with { Stop = point.Stop, StopProbability = point.StopProbability };
                }

                continue;
            }

            merged.Add(point);
        }

        return [.. merged];
    }
}
