using System.Collections.Immutable;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>
/// The frozen position of a parked vehicle (the freeze rule shared by the trip and towing
/// detectors). The first <c>settleFixes</c> fixes after parking are kept and the anchor is their
/// component-wise median, so one multipath jump among them cannot displace it. Once settled, a fix
/// within the drift radius nudges the anchor by 1/<c>smoothingFixes</c> of the difference (it
/// follows a slow wander of the error instead of letting it pile up against a fixed point); a fix
/// beyond the radius never moves it. Positions are plain degrees: over tens of metres the
/// component-wise median and mean are as good as on a plane.
/// </summary>
public sealed record ParkedAnchor
{
    /// <summary>The anchor position.</summary>
    public required Place Position { get; init; }

    /// <summary>The HDOP the anchor is trusted with (median of the settling fixes', then smoothed).</summary>
    public required double Hdop { get; init; }

    /// <summary>The settling fixes so far (up to the settle count); empty never.</summary>
    public ImmutableArray<Place> FirstFixes { get; init; } = [];

    /// <summary>The settling fixes' HDOPs, same order as <see cref="FirstFixes"/>.</summary>
    public ImmutableArray<double> FirstHdops { get; init; } = [];

    /// <summary>When the last fix that agreed with the anchor was taken, unix ms.</summary>
    public long LastAgreedUnixMs { get; init; }

    public static ParkedAnchor Start(Place position, double hdop, long unixMs) => new()
    {
        Position = position,
        Hdop = hdop,
        FirstFixes = [position],
        FirstHdops = [hdop],
        LastAgreedUnixMs = unixMs,
    };

    /// <summary>True once enough fixes are in for the anchor to be trusted against single outliers.</summary>
    public bool IsSettled(int settleFixes) => FirstFixes.Length >= settleFixes;

    /// <summary>The anchor after one more fix (see the type's summary for the rule).</summary>
    public ParkedAnchor With(Place fix, double hdop, long unixMs, int settleFixes, int smoothingFixes, double radiusMetres)
    {
        if (!IsSettled(settleFixes))
        {
            ImmutableArray<Place> fixes = FirstFixes.Add(fix);
            ImmutableArray<double> hdops = FirstHdops.Add(hdop);
            return this with
            {
                FirstFixes = fixes,
                FirstHdops = hdops,
                Position = new Place(Median(fixes.Select(p => p.Latitude)), Median(fixes.Select(p => p.Longitude))),
                Hdop = Median(hdops),
                LastAgreedUnixMs = unixMs,
            };
        }

        if (Position.DistanceMetresTo(fix) > radiusMetres)
        {
            return this;
        }

        double weight = 1.0 / Math.Max(1, smoothingFixes);
        return this with
        {
            Position = new Place(
                Position.Latitude + ((fix.Latitude - Position.Latitude) * weight),
                Position.Longitude + ((fix.Longitude - Position.Longitude) * weight)),
            Hdop = Hdop + ((hdop - Hdop) * weight),
            LastAgreedUnixMs = unixMs,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
