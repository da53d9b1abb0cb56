namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>
/// How far apart two GNSS fixes of a standing vehicle may lie by error alone. A fix's horizontal
/// RMS error is about HDOP × UERE (user range error, ~3.5 m for a consumer receiver), so the
/// difference of two fixes has an RMS of UERE × √(hdop₁² + hdop₂²); the radius is
/// <paramref name="metresPerHdop"/> times that root, never below <paramref name="minMetres"/>.
/// Multipath jumps are larger than any such radius: the detectors never trust a single fix.
/// </summary>
public static class DriftRadius
{
    /// <summary>The radius, m, for a reference fix of HDOP <paramref name="hdopA"/> and a fix of HDOP <paramref name="hdopB"/>.</summary>
    public static double Metres(double hdopA, double hdopB, double metresPerHdop, double minMetres) =>
        Math.Max(minMetres, metresPerHdop * Math.Sqrt((hdopA * hdopA) + (hdopB * hdopB)));
}
