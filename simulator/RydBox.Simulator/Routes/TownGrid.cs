namespace RydBox.Simulator.Routes;

/// <summary>
/// A town as laid out: a square street grid whose middle row and column are the 50 km/h main
/// streets. Roads to other places leave from the four ends of the main streets (the gates).
/// </summary>
internal sealed class TownGrid
{
    private readonly int[,] _grid;
    private readonly int _middle;

    private TownGrid(string name, int[,] grid, int middle)
    {
        Name = name;
        _grid = grid;
        _middle = middle;
    }

    public string Name { get; }

    public int Centre => _grid[_middle, _middle];

    public IEnumerable<int> Nodes => _grid.Cast<int>();

    /// <summary>Intersections off the main streets.</summary>
    public IEnumerable<int> SideStreetNodes => Cells().Where(c => c.I != _middle && c.J != _middle).Select(c => _grid[c.I, c.J]);

    /// <summary>Main-street intersections other than the centre and the gates.</summary>
    public IEnumerable<int> MainStreetNodes => Cells()
        .Where(c => (c.I == _middle) != (c.J == _middle) && !IsBorder(c.I) && !IsBorder(c.J))
        .Select(c => _grid[c.I, c.J]);

    /// <summary>The end of a main street facing <paramref name="target"/>.</summary>
    public int GateToward(LocalPoint target, NetworkBuilder builder)
    {
        LocalPoint centre = builder.Local(Centre);
        double east = target.East - centre.East;
        double north = target.North - centre.North;
        int last = _grid.GetLength(0) - 1;
        return Math.Abs(east) >= Math.Abs(north)
            ? _grid[east >= 0 ? last : 0, _middle]
            : _grid[_middle, north >= 0 ? last : 0];
    }

    public static TownGrid Build(string name, LocalPoint centre, Random random, RoadNetworkOptions options, NetworkBuilder builder)
    {
        int blocks = 2 * random.Next(options.MinTownBlocks / 2, options.MaxTownBlocks / 2 + 1);
        double block = random.Between(options.MinBlockMetres, options.MaxBlockMetres);
        int middle = blocks / 2;
        var grid = new int[blocks + 1, blocks + 1];
        var town = new TownGrid(name, grid, middle);
        foreach (var (i, j) in town.Cells())
        {
            bool main = i == middle || j == middle;
            bool gate = main && (town.IsBorder(i) || town.IsBorder(j));
            // Gates and the centre stay on the grid so that main streets run straight through.
            double jitter = gate || (i == middle && j == middle) ? 0 : options.IntersectionJitterMetres;
            var at = new LocalPoint(
                centre.East + (i - middle) * block + random.Between(-jitter, jitter),
                centre.North + (j - middle) * block + random.Between(-jitter, jitter));
            (StopControl control, double probability) = (i, j) switch
            {
                _ when i == middle && j == middle => (StopControl.TrafficLight, options.RedLightProbability),
                _ when gate => (StopControl.None, 0.0),
                _ when main => random.NextDouble() < options.MainStreetTrafficLightShare
                    ? (StopControl.TrafficLight, options.RedLightProbability)
                    : (StopControl.None, 0.0),
                _ => random.NextDouble() < options.SideStreetStopSignShare ? (StopControl.StopSign, 1.0) : (StopControl.None, 0.0),
            };
            grid[i, j] = builder.AddNode(at, control, probability);
        }

        foreach (var (i, j) in town.Cells())
        {
            if (i < blocks)
            {
                town.AddStreet(grid[i, j], grid[i + 1, j], j == middle, options, builder);
            }

            if (j < blocks)
            {
                town.AddStreet(grid[i, j], grid[i, j + 1], i == middle, options, builder);
            }
        }

        return town;
    }

    private void AddStreet(int from, int to, bool main, RoadNetworkOptions options, NetworkBuilder builder)
    {
        double limit = main ? options.MainStreetSpeedLimitKmh : options.ResidentialSpeedLimitKmh;
        builder.AddRoad(from, to, [builder.Local(from), builder.Local(to)], [new RoadPiece(double.MaxValue, RoadClass.Residential, limit)]);
    }

    private bool IsBorder(int index) => index == 0 || index == _grid.GetLength(0) - 1;

    private IEnumerable<(int I, int J)> Cells()
    {
        int size = _grid.GetLength(0);
        for (int j = 0; j < size; j++)
        {
            for (int i = 0; i < size; i++)
            {
                yield return (i, j);
            }
        }
    }
}
