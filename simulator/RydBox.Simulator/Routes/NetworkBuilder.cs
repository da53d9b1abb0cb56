namespace RydBox.Simulator.Routes;

/// <summary>
/// Collects nodes and roads laid out in local metres and turns them into a <see cref="RoadNetwork"/>:
/// shapes resampled to the shape spacing, altitudes from the terrain (tunnels run straight between
/// their portals, motorways follow only the broad terrain).
/// </summary>
internal sealed class NetworkBuilder(RoadNetworkOptions options, Terrain terrain)
{
    private readonly List<RoadNode> _nodes = [];
    private readonly List<LocalPoint> _local = [];
    private readonly List<RoadEdge> _edges = [];

    public int AddNode(LocalPoint at, StopControl control = StopControl.None, double stopProbability = 0, bool broadTerrain = false)
    {
        int id = _nodes.Count;
        _nodes.Add(new RoadNode(id, ToGeo(at, terrain.ElevationMetres(at.East, at.North, broadTerrain)), control, stopProbability));
        _local.Add(at);
        return id;
    }

    public LocalPoint Local(int node) => _local[node];

    /// <summary>
    /// Adds a road from <paramref name="from"/> to <paramref name="to"/> along
    /// <paramref name="polyline"/> (which starts and ends at the two nodes), cut into one edge per
    /// piece; each piece ends at its <see cref="RoadPiece.EndMetres"/>, the last at the road's end.
    /// Returns the nodes created at the cuts.
    /// </summary>
    public IReadOnlyList<int> AddRoad(int from, int to, IReadOnlyList<LocalPoint> polyline, IReadOnlyList<RoadPiece> pieces)
    {
        List<(LocalPoint Point, double At)> samples = Resample(polyline);
        double length = samples[^1].At;
        var cuts = new List<int>();
        int start = from;
        int sample = 0;
        for (int p = 0; p < pieces.Count; p++)
        {
            RoadPiece piece = pieces[p];
            bool last = p == pieces.Count - 1;
            double end = last ? length : Math.Clamp(piece.EndMetres, samples[sample].At, length);
            var shape = new List<LocalPoint> { Local(start) };
            while (sample + 1 < samples.Count && samples[sample + 1].At < end)
            {
                sample++;
                shape.Add(samples[sample].Point);
            }

            int stop;
            if (last)
            {
                stop = to;
            }
            else
            {
                (LocalPoint a, double atA) = samples[sample];
                (LocalPoint b, double atB) = samples[Math.Min(sample + 1, samples.Count - 1)];
                LocalPoint cut = atB > atA ? LocalPoint.Lerp(a, b, (end - atA) / (atB - atA)) : a;
                stop = AddNode(cut, broadTerrain: piece.Class == RoadClass.Motorway);
                cuts.Add(stop);
            }

            shape.Add(Local(stop));
            AddEdge(start, stop, piece, shape);
            start = stop;
        }

        return cuts;
    }

    public RoadNetwork Build(NamedPlaces? places, IReadOnlyList<Town> towns) => new(_nodes, _edges, places, towns);

    private void AddEdge(int from, int to, RoadPiece piece, List<LocalPoint> shape)
    {
        // The surface (terrain, or a straight line through a tunnel) plus a correction fading from one
        // end to the other, so that the shape meets both nodes' altitudes without a step.
        double total = 0;
        var at = new double[shape.Count];
        for (int i = 1; i < shape.Count; i++)
        {
            total += shape[i - 1].DistanceTo(shape[i]);
            at[i] = total;
        }

        double fromAltitude = _nodes[from].Position.AltitudeMetres;
        double toAltitude = _nodes[to].Position.AltitudeMetres;
        double Surface(int i) => piece.IsTunnel
            ? fromAltitude + (toAltitude - fromAltitude) * (total > 0 ? at[i] / total : 0)
            : terrain.ElevationMetres(shape[i].East, shape[i].North, piece.Class == RoadClass.Motorway);
        double fromCorrection = fromAltitude - Surface(0);
        double toCorrection = toAltitude - Surface(shape.Count - 1);
        var geo = new GeoPoint[shape.Count];
        for (int i = 0; i < shape.Count; i++)
        {
            double t = total > 0 ? at[i] / total : 0;
            geo[i] = ToGeo(shape[i], Surface(i) + fromCorrection + (toCorrection - fromCorrection) * t);
        }

        geo[0] = _nodes[from].Position;
        geo[^1] = _nodes[to].Position;
        _edges.Add(new RoadEdge(from, to, piece.Class, piece.SpeedLimitKmh, piece.IsTunnel, geo));
    }

    /// <summary>The polyline with extra points so that none are further apart than the shape spacing, each with its distance from the start.</summary>
    private List<(LocalPoint Point, double At)> Resample(IReadOnlyList<LocalPoint> polyline)
    {
        var samples = new List<(LocalPoint, double)> { (polyline[0], 0) };
        double at = 0;
        for (int i = 1; i < polyline.Count; i++)
        {
            double length = polyline[i - 1].DistanceTo(polyline[i]);
            int steps = Math.Max(1, (int)Math.Ceiling(length / options.ShapeSpacingMetres));
            for (int s = 1; s <= steps; s++)
            {
                samples.Add((LocalPoint.Lerp(polyline[i - 1], polyline[i], (double)s / steps), at + length * s / steps));
            }

            at += length;
        }

        return samples;
    }

    private GeoPoint ToGeo(LocalPoint at, double altitude) =>
        GeoMath.Offset(options.Origin, at.East, at.North) with { AltitudeMetres = altitude };
}
