using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;

/// <summary>Places by metres from a reference, for hand-built tracks.</summary>
internal static class Geo
{
    private const double MetresPerDegree = 111_195.080_233_5;

    /// <summary>Munich, Marienplatz.</summary>
    public static readonly Place Home = new(48.137_4, 11.575_5);

    public static Place Offset(this Place from, double northMetres, double eastMetres) => new(
        from.Latitude + (northMetres / MetresPerDegree),
        from.Longitude + (eastMetres / (MetresPerDegree * Math.Cos(double.DegreesToRadians(from.Latitude)))));
}
