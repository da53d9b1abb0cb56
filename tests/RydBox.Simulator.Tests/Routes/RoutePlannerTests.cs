using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Tests.Routes;

public sealed class RoutePlannerTests
{
    private static readonly GeoPoint Origin = new(48.0, 11.0, 500);

    /// <summary>
    /// A square: A to D directly over a slow 30 km/h lane (2 km), or over B (fast 100 km/h road, 3 km
    /// in all) — or over C, as fast as over B but through a stop sign and a traffic light.
    /// </summary>
    private static RoadNetwork Square(StopControl atB = StopControl.None)
    {
        GeoPoint At(double east, double north) => GeoMath.Offset(Origin, east, north);
        RoadNode[] nodes =
        [
            new(0, At(0, 0)),
            new(1, At(1_500, 0), atB, atB == StopControl.None ? 0 : 1),
            new(2, At(0, 1_500), StopControl.TrafficLight, 0.5),
            new(3, At(1_500, 1_500)),
            new(4, At(750, 750)),
        ];
        RoadEdge Road(int from, int to, double limit) =>
            new(from, to, RoadClass.Rural, limit, false, [nodes[from].Position, nodes[to].Position]);
        RoadEdge[] edges =
        [
            Road(0, 4, 30), Road(4, 3, 30),
            Road(0, 1, 100), Road(1, 3, 100),
            Road(0, 2, 100), Road(2, 3, 100),
        ];
        return new RoadNetwork(nodes, edges);
    }

    [Fact]
    public void The_fastest_road_wins_over_the_shortest()
    {
        PlannedRoute planned = RoutePlanner.Plan(Square(), 0, 3);

        planned.Nodes.Should().Equal(0, 1, 3);
        planned.Edges.Should().Equal(2, 3);
        planned.TravelSeconds.Should().BeApproximately(3_000 / (100 / 3.6), 0.5);
        planned.Route.LengthMetres.Should().BeApproximately(3_000, 1);
        planned.Route.Points.Should().AllSatisfy(p => p.SpeedLimitKmh.Should().Be(100));
    }

    [Fact]
    public void Expected_stop_delays_count_as_travel_time()
    {
        var options = new RoutePlannerOptions { StopSignDelaySeconds = 20, RedLightDelaySeconds = 30 };

        PlannedRoute planned = RoutePlanner.Plan(Square(StopControl.StopSign), 0, 3, options);

        planned.Nodes.Should().Equal([0, 2, 3], "half a 30 s red light costs less than a 20 s stop sign");
        planned.TravelSeconds.Should().BeApproximately(3_000 / (100 / 3.6) + 15, 0.5);
        planned.Route.Points.Where(p => p.Stop != StopControl.None).Should().ContainSingle()
            .Which.Should().Match<RoutePoint>(p => p.Stop == StopControl.TrafficLight && p.StopProbability == 0.5);
    }

    [Fact]
    public void Unreachable_or_identical_nodes_are_refused()
    {
        RoadNetwork square = Square();
        var island = new RoadNetwork([.. square.Nodes, new RoadNode(5, GeoMath.Offset(Origin, 5_000, 5_000))], square.Edges);

        FluentActions.Invoking(() => RoutePlanner.Plan(island, 0, 5)).Should().Throw<InvalidOperationException>().WithMessage("*cannot be reached*");
        FluentActions.Invoking(() => RoutePlanner.Plan(island, 3, 3)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => RoutePlanner.Plan(island, 0, 9)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_hand_made_network_is_checked()
    {
        RoadNode[] nodes = [new(0, Origin), new(1, GeoMath.Offset(Origin, 100, 0))];
        RoadEdge wrongShape = new(0, 1, RoadClass.Residential, 30, false, [Origin, GeoMath.Offset(Origin, 0, 100)]);

        FluentActions.Invoking(() => new RoadNetwork(nodes, [wrongShape])).Should().Throw<ArgumentException>().WithMessage("*shape*");
        FluentActions.Invoking(() => new RoadNetwork([nodes[1]], [])).Should().Throw<ArgumentException>().WithMessage("*id*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Routes_through_the_generated_network_follow_its_roads(int seed)
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(seed);
        NamedPlaces places = network.Places!;
        PlannedRoute planned = RoutePlanner.Plan(network, places.Home, places.Work);
        Route route = planned.Route;

        route.Start.Should().Be(network.Nodes[places.Home].Position);
        route.End.Should().Be(network.Nodes[places.Work].Position);
        for (int k = 0; k < planned.Edges.Count; k++)
        {
            RoadEdge edge = network.Edges[planned.Edges[k]];
            new[] { edge.From, edge.To }.Should().BeEquivalentTo([planned.Nodes[k], planned.Nodes[k + 1]], "consecutive edges share their nodes");
        }

        var roadPoints = planned.Edges.SelectMany(e => network.Edges[e].Shape).ToHashSet();
        route.Points.Should().AllSatisfy(p => roadPoints.Should().Contain(p.Position, "every route point lies on a road of the path"));
        route.Points.Select(p => p.Position).Should().OnlyHaveUniqueItems();
        route.LengthMetres.Should().BeApproximately(planned.Edges.Sum(e => network.Edges[e].LengthMetres), 1);
        route.Distances.Should().BeInAscendingOrder();

        PlannedRoute back = RoutePlanner.Plan(network, places.Work, places.Home);
        back.TravelSeconds.Should().BeApproximately(planned.TravelSeconds, planned.TravelSeconds * 0.05, "roads are two-way");
    }
}
