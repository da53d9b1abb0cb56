using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Events;

/// <summary>GNSS fixes as the NMEA parser would leave them, built directly.</summary>
public static class Fixes
{
    /// <summary>Roughly Zurich; far enough from the poles and the date line to be ordinary.</summary>
    public const int HomeLatitudeE7 = 473_000_000;
    public const int HomeLongitudeE7 = 85_000_000;

    /// <summary>Metres per 10^-7 degree of latitude.</summary>
    public const double MetresPerE7 = 0.0111195;

    public static GnssFix At(int latitudeE7, int longitudeE7, int hdopX100 = 100, int speedKmhX100 = 0) => new()
    {
        Known = GnssFields.Status | GnssFields.Quality | GnssFields.Position | GnssFields.Hdop | GnssFields.Speed,
        IsValid = true,
        Quality = 1,
        LatitudeE7 = latitudeE7,
        LongitudeE7 = longitudeE7,
        HdopX100 = hdopX100,
        SpeedKmhX100 = speedKmhX100,
    };

    /// <summary>A fix <paramref name="northMetres"/> and <paramref name="eastMetres"/> away from home.</summary>
    public static GnssFix Near(double northMetres, double eastMetres, int hdopX100 = 100, int speedKmhX100 = 0)
    {
        double cosLatitude = Math.Cos(HomeLatitudeE7 / 1e7 * Math.PI / 180);
        return At(
            HomeLatitudeE7 + (int)Math.Round(northMetres / MetresPerE7),
            HomeLongitudeE7 + (int)Math.Round(eastMetres / (MetresPerE7 * cosLatitude)),
            hdopX100,
            speedKmhX100);
    }

    public static GnssFix NoFix() => new()
    {
        Known = GnssFields.Status | GnssFields.Position,
        IsValid = false,
    };
}
