using System.Collections.Immutable;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>
/// The frozen position of a parked vehicle (the freeze rule shared by the trip and towing
/// detectors). Until it is settled the anchor collects candidate fixes (the latest
/// <see cref="MaxCandidates"/>) and settles once <c>settleFixes</c> of them agree, each within the
/// drift radius of one of them: multipath jumps point in random directions and rarely agree with
/// each other, so even several jumps among the first fixes cannot settle it at a wrong place. It
/// settles at the median of the agreeing fixes. Once settled, a fix within the drift radius
/// nudges it by 1/<c>smoothingFixes</c> of the difference (it follows a slow wander of the error
/// instead of letting it pile up against a fixed point); a fix beyond the radius never moves it.
/// Positions are plain degrees: over tens of metres the median and mean are as good as on a plane.
/// </summary>
public sealed record ParkedAnchor
{
    /// <summary>Candidate fixes kept while settling.</summary>
    public const int MaxCandidates = 12;

    /// <summary>The anchor position (while settling: the median of the best-agreeing candidates).</summary>
    public required Place Position { get; init; }

    /// <summary>The HDOP the anchor is trusted with.</summary>
    public required double Hdop { get; init; }

    /// <summary>True once enough fixes agreed: only then is a fix beyond the radius evidence of movement.</summary>
    public bool Settled { get; init; }

    /// <summary>The candidate fixes while settling (empty once settled).</summary>
    public ImmutableArray<TrackPoint> Candidates { get; init; } = [];

    /// <summary>The candidates' HDOPs, same order as <see cref="Candidates"/>.</summary>
    public ImmutableArray<double> CandidateHdops { get; init; } = [];

    /// <summary>How many fixes agreed with the anchor (the settling cluster, then every agreeing fix).</summary>
    public int Support { get; init; }

    /// <summary>When the last fix that agreed with the anchor was taken, unix ms.</summary>
    public long LastAgreedUnixMs { get; init; }

    public static ParkedAnchor Start(Place position, double hdop, long unixMs) => new()
    {
        Position = position,
        Hdop = hdop,
        Candidates = [new TrackPoint(unixMs, position)],
        CandidateHdops = [hdop],
        LastAgreedUnixMs = unixMs,
    };

    /// <summary>The drift radius between the anchor and a fix of HDOP <paramref name="hdop"/>, m.</summary>
    public double RadiusMetres(double hdop, double metresPerHdop, double minMetres) => DriftRadius.Metres(Hdop, hdop, metresPerHdop, minMetres);

    /// <summary>The anchor after one more fix (see the type's summary for the rule).</summary>
    public ParkedAnchor With(Place fix, double hdop, long unixMs, int settleFixes, int smoothingFixes, double metresPerHdop, double minMetres)
    {
        if (!Settled)
        {
            ImmutableArray<TrackPoint> candidates = Candidates.Add(new TrackPoint(unixMs, fix));
            ImmutableArray<double> hdops = CandidateHdops.Add(hdop);
            if (candidates.Length > MaxCandidates)
            {
                candidates = candidates.RemoveAt(0);
                hdops = hdops.RemoveAt(0);
            }

            int[] best = [];
            for (int i = 0; i < candidates.Length; i++)
            {
                int centre = i;
                int[] members = [.. Enumerable.Range(0, candidates.Length).Where(j =>
                    candidates[centre].Position.DistanceMetresTo(candidates[j].Position) <= DriftRadius.Metres(hdops[centre], hdops[j], metresPerHdop, minMetres))];
                if (members.Length > best.Length)
                {
                    best = members;
                }
            }

            bool settled = best.Length >= Math.Max(1, settleFixes);
            return this with
            {
                Settled = settled,
                Support = best.Length,
                Candidates = settled ? [] : candidates,
                CandidateHdops = settled ? [] : hdops,
                Position = new Place(Median(best.Select(i => candidates[i].Position.Latitude)), Median(best.Select(i => candidates[i].Position.Longitude))),
                Hdop = Median(best.Select(i => hdops[i])),
                LastAgreedUnixMs = best.Contains(candidates.Length - 1) ? unixMs : LastAgreedUnixMs,
            };
        }

        if (Position.DistanceMetresTo(fix) > RadiusMetres(hdop, metresPerHdop, minMetres))
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
            Support = Support + 1,
            LastAgreedUnixMs = unixMs,
        };
    }

    /// <summary>
    /// A run of fixes beyond the radius that agree with each other, carry no moving speed and are at
    /// least as many as the anchor's support is a better-supported parked position than the anchor
    /// (which several multipath jumps that happened to agree may have settled): the anchor moves
    /// there. Null when the run is no such thing. A long-parked vehicle's anchor has far more support
    /// than any run, so a real displacement still counts as one.
    /// </summary>
    public ParkedAnchor? BetterSupportedBy(ImmutableArray<TrackPoint> run, double metresPerHdop, double minMetres)
    {
        if (run.Length == 0 || run.Length < Support)
        {
            return null;
        }

        var centre = new Place(Median(run.Select(p => p.Position.Latitude)), Median(run.Select(p => p.Position.Longitude)));
        double radius = DriftRadius.Metres(Hdop, Hdop, metresPerHdop, minMetres);
        if (run.Any(p => p.Position.DistanceMetresTo(centre) > radius / 2))
        {
            return null;
        }

        return this with { Position = centre, Support = run.Length, LastAgreedUnixMs = run[^1].UnixMilliseconds };
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
