namespace RydBox.Simulator.Routes;

/// <summary>
/// Builds the synthetic road network from a seed: a motorway crossing the area west to east with
/// junctions and one tunnel, towns with street grids beside it, rural roads joining the towns (a
/// minimum spanning tree plus each town's link to its second-nearest neighbour) and a rural link
/// from every junction to its nearest town. Roads cross without meeting (bridges) except at
/// town gates and junctions.
/// </summary>
public static class RoadNetworkGenerator
{
    private static readonly string[] TownNames =
    [
        "Altenried", "Bergheim", "Kirchdorf", "Lindach", "Moosbach", "Neufeld", "Oberau", "Rothenstein",
        "Sulzberg", "Tannhausen", "Unterwang", "Weidach", "Eschenau", "Hohenwart", "Ziegelried", "Grafenbuch",
    ];

    /// <summary>Spacing of the points that lay out motorways and rural roads before resampling, m.</summary>
    private const double MotorwayShapeStepMetres = 200;

    /// <summary>Town centres keep this far from the area's edge, so their grids and gates fit inside, m.</summary>
    private const double TownMarginMetres = 2_500;

    /// <summary>The motorway's first and last junction lie this far inside the area's edges, m.</summary>
    private const double MotorwayEndMarginMetres = 1_000;

    public static RoadNetwork Generate(int seed, RoadNetworkOptions? options = null)
    {
        options ??= new RoadNetworkOptions();
        var random = new Random(seed);
        var terrain = new Terrain(random, options);
        var builder = new NetworkBuilder(options, terrain);
        var motorway = MotorwayLine.Create(random, options);
        List<LocalPoint> centres = PlaceTowns(random, options, motorway);
        string[] names = [.. TownNames.OrderBy(_ => random.Next())];
        var towns = new List<TownGrid>();
        for (int t = 0; t < centres.Count; t++)
        {
            towns.Add(TownGrid.Build(names[t % names.Length], centres[t], random, options, builder));
        }

        (List<int> junctions, int tunnelSection) = BuildMotorway(motorway, random, options, builder);
        foreach ((int a, int b) in TownLinks(centres))
        {
            int from = towns[a].GateToward(centres[b], builder);
            int to = towns[b].GateToward(centres[a], builder);
            AddRuralRoad(from, to, random, options, builder);
        }

        foreach (int junction in junctions)
        {
            int nearest = Nearest(centres, builder.Local(junction));
            AddRuralRoad(junction, towns[nearest].GateToward(builder.Local(junction), builder), random, options, builder);
        }

        Town[] described = [.. towns.Select(t => new Town(t.Name, t.Centre, [.. t.Nodes]))];
        NamedPlaces places = ChoosePlaces(towns, centres, junctions, tunnelSection, random, builder, builder.Build(null, described));
        return builder.Build(places, described);
    }

    private static List<LocalPoint> PlaceTowns(Random random, RoadNetworkOptions options, MotorwayLine motorway)
    {
        const int Attempts = 2000;
        var centres = new List<LocalPoint>();
        for (int attempt = 0; attempt < Attempts && centres.Count < options.TownCount; attempt++)
        {
            var candidate = new LocalPoint(
                random.Between(-0.5, 0.5) * (options.AreaWidthMetres - 2 * TownMarginMetres),
                random.Between(-0.5, 0.5) * (options.AreaHeightMetres - 2 * TownMarginMetres));
            if (Math.Abs(candidate.North - motorway.NorthAt(candidate.East)) >= options.MinTownMotorwayDistanceMetres
                && centres.All(c => c.DistanceTo(candidate) >= options.MinTownSpacingMetres))
            {
                centres.Add(candidate);
            }
        }

        if (centres.Count < 3)
        {
            throw new ArgumentException($"Only {centres.Count} towns fit the area; the network needs three. Enlarge the area or reduce the spacing.", nameof(options));
        }

        return centres;
    }

    /// <summary>Lays the motorway with its junctions; returns the junction nodes and the index of the section (junction i to i+1) holding the tunnel.</summary>
    private static (List<int> Junctions, int TunnelSection) BuildMotorway(MotorwayLine line, Random random, RoadNetworkOptions options, NetworkBuilder builder)
    {
        double west = -options.AreaWidthMetres / 2 + MotorwayEndMarginMetres;
        double east = options.AreaWidthMetres / 2 - MotorwayEndMarginMetres;
        var stations = new List<double> { west };
        while (true)
        {
            double next = stations[^1] + random.Between(options.MinJunctionSpacingMetres, options.MaxJunctionSpacingMetres);
            if (next > east)
            {
                break;
            }

            stations.Add(next);
        }

        var junctions = stations.Select(x => builder.AddNode(line.At(x), broadTerrain: true)).ToList();
        int tunnelSection = Math.Max(0, junctions.Count / 2 - 1);
        for (int s = 0; s + 1 < junctions.Count; s++)
        {
            var polyline = new List<LocalPoint>();
            for (double x = stations[s]; x < stations[s + 1] - MotorwayShapeStepMetres / 4; x += MotorwayShapeStepMetres)
            {
                polyline.Add(line.At(x));
            }

            polyline.Add(line.At(stations[s + 1]));
            double length = Length(polyline);
            var road = new RoadPiece(length, RoadClass.Motorway, options.MotorwaySpeedLimitKmh);
            if (s == tunnelSection)
            {
                double tunnel = random.Between(options.MinMotorwayTunnelMetres, options.MaxMotorwayTunnelMetres);
                double portal = (length - tunnel) / 2;
                builder.AddRoad(junctions[s], junctions[s + 1], polyline,
                    [road with { EndMetres = portal }, road with { EndMetres = portal + tunnel, IsTunnel = true }, road]);
            }
            else
            {
                builder.AddRoad(junctions[s], junctions[s + 1], polyline, [road]);
            }
        }

        return (junctions, tunnelSection);
    }

    /// <summary>A minimum spanning tree over the towns (Prim) plus each town's link to its second-nearest town.</summary>
    private static List<(int A, int B)> TownLinks(List<LocalPoint> centres)
    {
        var links = new List<(int, int)>();
        var inTree = new bool[centres.Count];
        inTree[0] = true;
        for (int added = 1; added < centres.Count; added++)
        {
            (int A, int B) best = (-1, -1);
            double bestDistance = double.MaxValue;
            for (int a = 0; a < centres.Count; a++)
            {
                for (int b = 0; b < centres.Count; b++)
                {
                    double d = centres[a].DistanceTo(centres[b]);
                    if (inTree[a] && !inTree[b] && d < bestDistance)
                    {
                        (best, bestDistance) = ((a, b), d);
                    }
                }
            }

            inTree[best.B] = true;
            links.Add(best);
        }

        for (int a = 0; a < centres.Count; a++)
        {
            int second = Enumerable.Range(0, centres.Count).Where(b => b != a)
                .OrderBy(b => centres[a].DistanceTo(centres[b])).Skip(1).First();
            if (!links.Contains((a, second)) && !links.Contains((second, a)))
            {
                links.Add((a, second));
            }
        }

        return links;
    }

    /// <summary>A gently bending road: 70 km/h near both ends, 100 between, sometimes a tunnel in the middle.</summary>
    private static void AddRuralRoad(int from, int to, Random random, RoadNetworkOptions options, NetworkBuilder builder)
    {
        LocalPoint a = builder.Local(from);
        LocalPoint b = builder.Local(to);
        double straight = a.DistanceTo(b);
        // Bends of at most 8 % of the road's length keep short links from zigzagging.
        double bend = random.Between(-1, 1) * Math.Min(options.MaxRoadBendMetres, straight * 0.08);
        int halfWaves = random.Next(1, 4);
        int steps = Math.Max(2, (int)Math.Ceiling(straight / MotorwayShapeStepMetres));
        var polyline = new List<LocalPoint>();
        for (int i = 0; i <= steps; i++)
        {
            double t = (double)i / steps;
            double side = bend * Math.Sin(Math.PI * halfWaves * t);
            LocalPoint onLine = LocalPoint.Lerp(a, b, t);
            polyline.Add(new LocalPoint(
                onLine.East - side * (b.North - a.North) / straight,
                onLine.North + side * (b.East - a.East) / straight));
        }

        double length = Length(polyline);
        var slow = new RoadPiece(length, RoadClass.Rural, options.RuralSlowSpeedLimitKmh);
        var fast = new RoadPiece(length, RoadClass.Rural, options.RuralSpeedLimitKmh);
        double zone = options.RuralSlowZoneMetres;
        if (length < 2 * zone + 500)
        {
            builder.AddRoad(from, to, polyline, [slow]);
            return;
        }

        var pieces = new List<RoadPiece> { slow with { EndMetres = zone } };
        if (length >= options.RuralTunnelMinRoadMetres && random.NextDouble() < options.RuralTunnelProbability)
        {
            double tunnel = random.Between(options.MinRuralTunnelMetres, options.MaxRuralTunnelMetres);
            pieces.Add(fast with { EndMetres = (length - tunnel) / 2 });
            pieces.Add(fast with { EndMetres = (length + tunnel) / 2, IsTunnel = true });
        }

        pieces.Add(fast with { EndMetres = length - zone });
        pieces.Add(slow);
        builder.AddRoad(from, to, polyline, pieces);
    }

    /// <summary>
    /// Home in the town nearest the first junction; work in the town whose fastest route from home
    /// uses the motorway most (the farthest on a tie); parking in the town nearest the area's centre
    /// among the others.
    /// </summary>
    private static NamedPlaces ChoosePlaces(List<TownGrid> towns, List<LocalPoint> centres, List<int> junctions, int tunnelSection, Random random, NetworkBuilder builder, RoadNetwork draft)
    {
        int homeTown = Nearest(centres, builder.Local(junctions[0]));
        double MotorwayMetres(int town) => RoutePlanner.Plan(draft, towns[homeTown].Centre, towns[town].Centre).Edges
            .Select(e => draft.Edges[e]).Where(e => e.Class == RoadClass.Motorway).Sum(e => e.LengthMetres);
        int workTown = Enumerable.Range(0, centres.Count).Where(t => t != homeTown)
            .OrderByDescending(MotorwayMetres).ThenByDescending(t => centres[t].DistanceTo(centres[homeTown])).First();
        int parkingTown = Enumerable.Range(0, centres.Count).Where(t => t != homeTown && t != workTown)
            .OrderBy(t => centres[t].DistanceTo(new LocalPoint(0, 0))).First();
        int Pick(IEnumerable<int> nodes)
        {
            int[] candidates = [.. nodes];
            return candidates[random.Next(candidates.Length)];
        }

        return new NamedPlaces(
            Home: Pick(towns[homeTown].SideStreetNodes),
            Work: Pick(towns[workTown].MainStreetNodes),
            Parking: Pick(towns[parkingTown].SideStreetNodes),
            MotorwayStart: junctions[0],
            MotorwayEnd: junctions[^1],
            TunnelStart: junctions[tunnelSection],
            TunnelEnd: junctions[tunnelSection + 1]);
    }

    private static int Nearest(List<LocalPoint> centres, LocalPoint to) =>
        Enumerable.Range(0, centres.Count).OrderBy(t => centres[t].DistanceTo(to)).First();

    private static double Length(List<LocalPoint> polyline)
    {
        double length = 0;
        for (int i = 1; i < polyline.Count; i++)
        {
            length += polyline[i - 1].DistanceTo(polyline[i]);
        }

        return length;
    }
}
