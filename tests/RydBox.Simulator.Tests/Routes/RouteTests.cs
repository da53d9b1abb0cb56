using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Tests.Routes;

public sealed class RouteTests
{
    private static readonly GeoPoint Origin = new(48.0, 11.0, 400);

    /// <summary>100 m east at 50 km/h, then 200 m north (a 10 m climb) at 100 km/h through a tunnel, with a stop at the corner.</summary>
    private static Route LShaped() => new(
    [
        new RoutePoint(Origin, 50),
        new RoutePoint(GeoMath.Offset(Origin, 100, 0), 100, true, StopControl.StopSign, 1),
        new RoutePoint(GeoMath.Offset(Origin, 100, 200) with { AltitudeMetres = 410 }, 100),
    ]);

    [Fact]
    public void Distances_positions_and_road_properties_along_a_route()
    {
        Route route = LShaped();

        route.Distances.Should().HaveCount(3);
        route.Distances[1].Should().BeApproximately(100, 0.01);
        route.LengthMetres.Should().BeApproximately(300, 0.02);

        RoutePosition halfwayEast = route.At(50);
        GeoMath.DistanceMetres(halfwayEast.Position, GeoMath.Offset(Origin, 50, 0)).Should().BeLessThan(0.01);
        halfwayEast.HeadingDegrees.Should().BeApproximately(90, 0.01);
        (halfwayEast.SpeedLimitKmh, halfwayEast.IsTunnel, halfwayEast.SegmentIndex).Should().Be((50, false, 0));

        RoutePosition north = route.At(200);
        north.HeadingDegrees.Should().BeApproximately(0, 0.01);
        north.Position.AltitudeMetres.Should().BeApproximately(405, 0.01);
        north.Grade.Should().BeApproximately(0.05, 0.0001);
        (north.SpeedLimitKmh, north.IsTunnel, north.SegmentIndex).Should().Be((100, true, 1));

        route.At(-5).Position.Should().Be(route.Start);
        route.At(1_000).Position.Should().Be(route.End);
        route.At(200, segmentHint: 0).Should().Be(north);
        route.At(50, segmentHint: 1).Should().Be(halfwayEast);
    }

    [Fact]
    public void Reversed_moves_limits_to_the_stretches_driven_the_other_way()
    {
        Route back = LShaped().Reversed();

        back.Start.Should().Be(LShaped().End);
        back.At(100).SpeedLimitKmh.Should().Be(100);
        back.At(100).IsTunnel.Should().BeTrue();
        back.At(250).SpeedLimitKmh.Should().Be(50);
        back.At(250).IsTunnel.Should().BeFalse();
        back.Points[1].Stop.Should().Be(StopControl.StopSign);
    }

    [Fact]
    public void Repeated_points_merge_and_a_route_needs_two_places()
    {
        var twice = new Route([new RoutePoint(Origin, 50), new RoutePoint(Origin, 50, Stop: StopControl.TrafficLight, StopProbability: 0.5), new RoutePoint(GeoMath.Offset(Origin, 10, 0), 50)]);

        twice.Points.Should().HaveCount(2);
        twice.Points[0].Stop.Should().Be(StopControl.TrafficLight);
        FluentActions.Invoking(() => new Route([new RoutePoint(Origin, 50), new RoutePoint(Origin, 50)])).Should().Throw<ArgumentException>();
    }
}
