using System.Globalization;
using RydBox.Gateway.Events.Model;

namespace RydBox.Benchmarks.Events;

/// <summary>
/// Late and replayed batches must give the same trips (and towing episodes) as on-time ones: the
/// timeline fed in arrival order against the detectors fed every observation in time order.
/// </summary>
internal static class LateComparison
{
    /// <summary>Distances are sums of the same segments in the same order: equal up to rounding.</summary>
    private const double DistanceToleranceKm = 1e-9;

    public const string Drives = "late-vs-on-time drives";
    public const string DrivesWithLateData = "drives with data replayed";
    public const string Compared = "trips and tows compared";
    public const string Mismatches = "mismatches";

    public static void Compare(RecordedDrive drive, Detection arriving, Detection inTimeOrder, AccuracyTally tally)
    {
        tally.Increment(Drives);
        if (arriving.Replays > 0)
        {
            tally.Increment(DrivesWithLateData);
        }

        Dictionary<string, VehicleEvent> late = Relevant(arriving);
        Dictionary<string, VehicleEvent> onTime = Relevant(inTimeOrder);
        tally.Increment(Compared, onTime.Keys.Union(late.Keys).Count());
        foreach (string key in onTime.Keys.Union(late.Keys).Order(StringComparer.Ordinal))
        {
            string? difference = (late.GetValueOrDefault(key), onTime.GetValueOrDefault(key)) switch
            {
                (null, _) => "only in time order",
                (_, null) => "only as arrived",
                (TripEvent a, TripEvent b) when a.EndUnixMs != b.EndUnixMs || Math.Abs(a.DistanceKm - b.DistanceKm) > DistanceToleranceKm =>
                    string.Create(CultureInfo.InvariantCulture, $"as arrived ends {a.EndUnixMs} with {a.DistanceKm:0.000} km, in time order {b.EndUnixMs} with {b.DistanceKm:0.000} km"),
                (TowingEvent a, TowingEvent b) when a.EndUnixMs != b.EndUnixMs =>
                    string.Create(CultureInfo.InvariantCulture, $"as arrived ends {a.EndUnixMs}, in time order {b.EndUnixMs}"),
                _ => null,
            };
            if (difference is not null)
            {
                tally.Increment(Mismatches);
                tally.Note($"{drive.Job.Name}: late vs on time, {key} ({arriving.Replays} replays): {difference}");
            }
        }
    }

    private static Dictionary<string, VehicleEvent> Relevant(Detection detection) =>
        detection.Events.Where(e => e.Value is TripEvent or TowingEvent).ToDictionary();
}
