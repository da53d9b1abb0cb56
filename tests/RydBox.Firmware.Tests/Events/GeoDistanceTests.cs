using RydBox.Firmware.Events;

namespace RydBox.Firmware.Tests.Events;

public class GeoDistanceTests
{
    /// <summary>Great-circle distance with System.Math, as the reference.</summary>
    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6_371_000;
        double dLat = (lat2 - lat1) * Math.PI / 180;
        double dLon = (lon2 - lon1) * Math.PI / 180;
        double a = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * radius * Math.Asin(Math.Sqrt(a));
    }

    [Theory]
    [InlineData(47.3, 8.5, 47.309, 8.5)]
    [InlineData(47.3, 8.5, 47.3, 8.513)]
    [InlineData(-33.9, 151.2, -33.912, 151.19)]
    [InlineData(64.1, -21.9, 64.1, -21.95)]
    [InlineData(0.0, 179.9995, 0.0, -179.9995)]
    public void Nearby_distances_match_the_great_circle_within_a_metre_per_kilometre(double lat1, double lon1, double lat2, double lon2)
    {
        double expected = Haversine(lat1, lon1, lat2, lon2);

        double metres = GeoDistance.Metres((int)Math.Round(lat1 * 1e7), (int)Math.Round(lon1 * 1e7), (int)Math.Round(lat2 * 1e7), (int)Math.Round(lon2 * 1e7));

        metres.Should().BeApproximately(expected, Math.Max(0.05, expected / 1000));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.2)]
    [InlineData(-1.5707963)]
    public void Cosine_and_square_root_agree_with_System_Math(double radians)
    {
        GeoDistance.Cosine(radians).Should().BeApproximately(Math.Cos(radians), 1e-6);
        GeoDistance.SquareRoot(radians * radians * 1e6).Should().BeApproximately(Math.Abs(radians) * 1e3, 1e-6);
        GeoDistance.SquareRoot(2).Should().BeApproximately(Math.Sqrt(2), 1e-12);
    }
}
