using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Tests.Routes;

public sealed class RoadNetworkGeneratorTests
{
    [Fact]
    public void The_same_seed_builds_the_same_network_and_another_seed_a_different_one()
    {
        RoadNetwork first = RoadNetworkGenerator.Generate(7);
        RoadNetwork again = RoadNetworkGenerator.Generate(7);
        RoadNetwork other = RoadNetworkGenerator.Generate(8);

        again.Nodes.Should().Equal(first.Nodes);
        again.Edges.Select(e => (e.From, e.To, e.Class, e.SpeedLimitKmh, e.IsTunnel)).Should().Equal(first.Edges.Select(e => (e.From, e.To, e.Class, e.SpeedLimitKmh, e.IsTunnel)));
        again.Edges.SelectMany(e => e.Shape).Should().Equal(first.Edges.SelectMany(e => e.Shape));
        again.Places.Should().Be(first.Places);
        other.Nodes.Select(n => n.Position).Should().NotIntersectWith(first.Nodes.Select(n => n.Position));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_node_can_be_reached_from_home(int seed)
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(seed);
        var reached = new HashSet<int> { network.Places!.Home };
        var queue = new Queue<int>(reached);
        while (queue.TryDequeue(out int node))
        {
            foreach (int e in network.EdgesAt(node))
            {
                if (reached.Add(network.Edges[e].Other(node)))
                {
                    queue.Enqueue(network.Edges[e].Other(node));
                }
            }
        }

        reached.Should().HaveCount(network.Nodes.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Roads_have_their_class_limits_plausible_shapes_and_lie_in_the_area(int seed)
    {
        var options = new RoadNetworkOptions();
        RoadNetwork network = RoadNetworkGenerator.Generate(seed, options);
        var limits = new Dictionary<RoadClass, double[]>
        {
            [RoadClass.Residential] = [30, 50],
            [RoadClass.Rural] = [70, 100],
            [RoadClass.Motorway] = [130],
        };

        network.Edges.Should().AllSatisfy(edge =>
        {
            limits[edge.Class].Should().Contain(edge.SpeedLimitKmh);
            for (int i = 1; i < edge.Shape.Count; i++)
            {
                double run = GeoMath.DistanceMetres(edge.Shape[i - 1], edge.Shape[i]);
                run.Should().BeLessThanOrEqualTo(options.ShapeSpacingMetres + 0.5);
                if (run > 10)
                {
                    Math.Abs(edge.Shape[i].AltitudeMetres - edge.Shape[i - 1].AltitudeMetres).Should().BeLessThan(run * 0.12, "grades stay below 12 %");
                }
            }
        });
        network.Nodes.Should().AllSatisfy(node =>
        {
            var (east, north) = GeoMath.LocalMetres(options.Origin, node.Position);
            Math.Abs(east).Should().BeLessThanOrEqualTo(options.AreaWidthMetres / 2);
            Math.Abs(north).Should().BeLessThanOrEqualTo(options.AreaHeightMetres / 2);
            node.Position.AltitudeMetres.Should().BeInRange(options.BaseElevationMetres - 60, options.BaseElevationMetres + 60);
        });
        network.Towns.Should().HaveCount(options.TownCount);
        network.Edges.Where(e => e.IsTunnel && e.Class == RoadClass.Motorway).Should().ContainSingle()
            .Which.LengthMetres.Should().BeInRange(options.MinMotorwayTunnelMetres - 1, options.MaxMotorwayTunnelMetres + 1);
        network.Nodes.Should().Contain(n => n.Control == StopControl.TrafficLight && n.StopProbability == options.RedLightProbability);
        network.Nodes.Should().Contain(n => n.Control == StopControl.StopSign && n.StopProbability == 1);
    }

    [Fact]
    public void Named_places_are_distinct_nodes_of_the_right_kind()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(2);
        NamedPlaces places = network.Places!;
        int[] all = [places.Home, places.Work, places.Parking, places.MotorwayStart, places.MotorwayEnd, places.TunnelStart, places.TunnelEnd];
        all.Should().OnlyHaveUniqueItems();

        Town TownOf(int node) => network.Towns.Single(t => t.Nodes.Contains(node));
        TownOf(places.Home).Should().NotBe(TownOf(places.Work));
        TownOf(places.Parking).Should().NotBe(TownOf(places.Home)).And.NotBe(TownOf(places.Work));
        network.EdgesAt(places.Home).Select(e => network.Edges[e].SpeedLimitKmh).Should().OnlyContain(l => l == 30, "home is on a side street");
        network.EdgesAt(places.Work).Select(e => network.Edges[e].SpeedLimitKmh).Should().Contain(50, "work is on a main street");
        network.EdgesAt(places.MotorwayStart).Select(e => network.Edges[e].Class).Should().Contain(RoadClass.Motorway);

        PlannedRoute tunnel = RoutePlanner.Plan(network, places.TunnelStart, places.TunnelEnd);
        tunnel.Edges.Select(e => network.Edges[e]).Should().OnlyContain(e => e.Class == RoadClass.Motorway).And.Contain(e => e.IsTunnel);
        PlannedRoute commute = RoutePlanner.Plan(network, places.Home, places.Work);
        commute.Edges.Select(e => network.Edges[e].Class).Should().Contain([RoadClass.Residential, RoadClass.Rural, RoadClass.Motorway]);
    }

    [Fact]
    public void The_area_follows_the_options()
    {
        var options = new RoadNetworkOptions { Origin = new GeoPoint(47.7, 9.2), TownCount = 4, AreaWidthMetres = 30_000 };
        RoadNetwork network = RoadNetworkGenerator.Generate(1, options);

        network.Towns.Should().HaveCount(4);
        network.Nodes.Should().AllSatisfy(n => GeoMath.DistanceMetres(n.Position, options.Origin).Should().BeLessThan(20_000));
    }
}
