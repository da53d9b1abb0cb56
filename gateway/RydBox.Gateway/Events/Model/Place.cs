namespace RydBox.Gateway.Events.Model;

/// <summary>A WGS 84 position in degrees.</summary>
public sealed record Place(double Latitude, double Longitude)
{
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Great-circle distance (haversine): exact enough for the metres-to-kilometres scales of trips and fences.</summary>
    public double DistanceMetresTo(Place other)
    {
        double lat1 = double.DegreesToRadians(Latitude);
        double lat2 = double.DegreesToRadians(other.Latitude);
        double dLat = lat2 - lat1;
        double dLon = double.DegreesToRadians(other.Longitude - Longitude);
        double h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

/// <summary>Where a vehicle was at a moment: one point of a path.</summary>
public sealed record TrackPoint(long UnixMilliseconds, Place Position);
