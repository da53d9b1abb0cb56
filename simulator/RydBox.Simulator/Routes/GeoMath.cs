namespace RydBox.Simulator.Routes;

/// <summary>
/// Distances and directions on a spherical earth. The simulated areas span tens of kilometres,
/// where a sphere is accurate to a few parts per thousand — far below GNSS noise.
/// </summary>
public static class GeoMath
{
    /// <summary>Mean earth radius (IUGG), metres.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>Great-circle (haversine) distance in metres; altitude is ignored.</summary>
    public static double DistanceMetres(GeoPoint a, GeoPoint b)
    {
        double lat1 = a.Latitude * DegreesToRadians;
        double lat2 = b.Latitude * DegreesToRadians;
        double dLat = lat2 - lat1;
        double dLon = (b.Longitude - a.Longitude) * DegreesToRadians;
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Initial bearing from <paramref name="from"/> to <paramref name="to"/>, degrees clockwise from true north, 0..360.</summary>
    public static double BearingDegrees(GeoPoint from, GeoPoint to)
    {
        double lat1 = from.Latitude * DegreesToRadians;
        double lat2 = to.Latitude * DegreesToRadians;
        double dLon = (to.Longitude - from.Longitude) * DegreesToRadians;
        double y = Math.Sin(dLon) * Math.Cos(lat2);
        double x = Math.Cos(lat1) * Math.Sin(lat2) - Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLon);
        return NormalizeDegrees(Math.Atan2(y, x) / DegreesToRadians);
    }

    /// <summary>The point <paramref name="eastMetres"/> east and <paramref name="northMetres"/> north of <paramref name="origin"/> (local flat approximation), same altitude.</summary>
    public static GeoPoint Offset(GeoPoint origin, double eastMetres, double northMetres)
    {
        double latitude = origin.Latitude + northMetres / EarthRadiusMetres / DegreesToRadians;
        double longitude = origin.Longitude
            + eastMetres / (EarthRadiusMetres * Math.Cos(origin.Latitude * DegreesToRadians)) / DegreesToRadians;
        return origin with { Latitude = latitude, Longitude = longitude };
    }

    /// <summary>East and north metres of <paramref name="point"/> from <paramref name="origin"/> (local flat approximation).</summary>
    public static (double East, double North) LocalMetres(GeoPoint origin, GeoPoint point)
    {
        double north = (point.Latitude - origin.Latitude) * DegreesToRadians * EarthRadiusMetres;
        double east = (point.Longitude - origin.Longitude) * DegreesToRadians * EarthRadiusMetres
            * Math.Cos(origin.Latitude * DegreesToRadians);
        return (east, north);
    }

    /// <summary>Linear interpolation between two nearby points, altitude included; <paramref name="t"/> 0 is <paramref name="a"/>.</summary>
    public static GeoPoint Lerp(GeoPoint a, GeoPoint b, double t) => new(
        a.Latitude + (b.Latitude - a.Latitude) * t,
        a.Longitude + (b.Longitude - a.Longitude) * t,
        a.AltitudeMetres + (b.AltitudeMetres - a.AltitudeMetres) * t);

    /// <summary>An angle in degrees brought into 0..360.</summary>
    public static double NormalizeDegrees(double degrees)
    {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }

    /// <summary>The signed smallest rotation from <paramref name="fromDegrees"/> to <paramref name="toDegrees"/>, -180..180.</summary>
    public static double TurnDegrees(double fromDegrees, double toDegrees)
    {
        double d = NormalizeDegrees(toDegrees - fromDegrees);
        return d > 180 ? d - 360 : d;
    }
}
