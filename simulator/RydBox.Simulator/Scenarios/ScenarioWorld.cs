using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Scenarios;

/// <summary>The roads every vehicle of a run shares, generated from the world's seed, with route planning between places.</summary>
public sealed class ScenarioWorld
{
    private const int MinCommuteMetres = 3_000;

    public ScenarioWorld(int seed, RoadNetworkOptions? options = null)
    {
        Seed = seed;
        Network = RoadNetworkGenerator.Generate(seed, options);
        Places = Network.Places ?? throw new InvalidOperationException("the generated network has no named places");
    }

    public int Seed { get; }

    public RoadNetwork Network { get; }

    public NamedPlaces Places { get; }

    public GeoPoint PositionOf(int node) => Network.Nodes[node].Position;

    public Route RouteBetween(int fromNode, int toNode) => RoutePlanner.Plan(Network, fromNode, toNode).Route;

    /// <summary>
    /// A vehicle's home as <see cref="DrawHomeAndWork"/> draws it, unless that is <paramref name="destination"/>:
    /// a vehicle cannot drive to where it stands, so that one lives at the drawn workplace instead.
    /// </summary>
    public int DrawHomeAwayFrom(Random random, int destination)
    {
        (int home, int work) = DrawHomeAndWork(random);
        return home == destination ? work : home;
    }

    /// <summary>A vehicle's home and workplace, drawn from <paramref name="random"/>: far enough apart for a real drive.</summary>
    public (int Home, int Work) DrawHomeAndWork(Random random)
    {
        int home = random.Next(Network.Nodes.Count);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            int work = random.Next(Network.Nodes.Count);
            if (work != home && GeoMath.DistanceMetres(PositionOf(home), PositionOf(work)) >= MinCommuteMetres)
            {
                return (home, work);
            }
        }

        return (Places.Home, Places.Work);
    }
}
