using System.Globalization;

namespace RydBox.Benchmarks.Events;

/// <summary>Prints what the benchmark measured as Markdown tables, ready for the README.</summary>
internal static class AccuracyReport
{
    public const string SimulatedMilliseconds = "simulated ms";
    public const string BoxRealMilliseconds = "box real ms";
    public const string DetectionRealMilliseconds = "detection real ms";
    public const string Messages = "messages";
    public const string DrivingInterval = "row interval while driving, s";

    /// <summary>At most this many cases are listed; the rest are counted.</summary>
    private const int MaxCases = 60;

    public static void Write(AccuracyResult result, TextWriter output)
    {
        AccuracyOptions options = result.Options;
        output.WriteLine(Invariant($"## Event accuracy ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, --seeds {options.Seeds} --nights {options.Nights}, world seed {options.WorldSeed}, pace {options.ActiveSpeed:0}x / parked {options.ParkedSpeed:0}x)"));
        output.WriteLine();
        output.WriteLine(Invariant($"Part a: {result.Drives} drives (every catalogue scenario but overnight, and commute-outage, × {options.Seeds} seeds), detected as the data arrived."));
        output.WriteLine();
        output.WriteLine("| Event | Truth | Found | TP | FP | FN | Precision | Recall |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((string row, Score score) in result.Scenarios.Rows())
        {
            output.WriteLine(Invariant(
                $"| {row} | {score.TruePositives + score.FalseNegatives} | {score.TruePositives + score.FalsePositives} | {score.TruePositives} | {score.FalsePositives} | {score.FalseNegatives} | {Percent(score.Precision)} | {Percent(score.Recall)} |"));
        }

        output.WriteLine();
        WriteFigures(result.Scenarios, output);

        AccuracyTally parked = result.Parked;
        (string Row, Score Score)[] nightRows = [.. parked.Rows()];
        int falseTows = nightRows.Where(r => r.Row.StartsWith("towing found", StringComparison.Ordinal)).Sum(r => r.Score.FalsePositives);
        int falseTrips = nightRows.Where(r => r.Row.StartsWith("trip found", StringComparison.Ordinal)).Sum(r => r.Score.FalsePositives);
        int otherAlarms = nightRows.Where(r => !r.Row.StartsWith("trip", StringComparison.Ordinal) && !r.Row.StartsWith("towing", StringComparison.Ordinal)).Sum(r => r.Score.FalsePositives);
        output.WriteLine(Invariant($"Part b: {result.Nights} parked vehicle-nights (overnight: 10–10.5 h parked in the open, GNSS drift and multipath)."));
        output.WriteLine();
        output.WriteLine("| Parked nights | False towing alarms | False trips | Other false alerts | False towing per 1,000 nights |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        output.WriteLine(Invariant($"| {result.Nights} | {falseTows} | {falseTrips} | {otherAlarms} | {(result.Nights > 0 ? falseTows * 1000.0 / result.Nights : 0):0.0} |"));
        output.WriteLine();

        AccuracyTally late = result.Late;
        output.WriteLine("Part c: every drive and night detected as it arrived (through the gateway's DeviceTimeline, late batches replayed) and in time order; trips and towing episodes compared (key, end, distance).");
        output.WriteLine();
        output.WriteLine("| Drives | With data replayed | Trips and tows compared | Mismatches |");
        output.WriteLine("|---:|---:|---:|---:|");
        output.WriteLine(Invariant($"| {late.Counter(LateComparison.Drives)} | {late.Counter(LateComparison.DrivesWithLateData)} | {late.Counter(LateComparison.Compared)} | {late.Counter(LateComparison.Mismatches)} |"));
        output.WriteLine();

        AccuracyTally played = result.Played;
        double simulatedHours = played.Counter(SimulatedMilliseconds) / 3_600_000.0;
        output.WriteLine("Simulator and harness:");
        output.WriteLine();
        output.WriteLine(Invariant($"- {result.Drives + result.Nights} boxes played {simulatedHours:0} simulated hours in {result.RealTime.TotalSeconds:0} s of real time ({simulatedHours * 3600 / result.RealTime.TotalSeconds:0}x overall), {played.Counter(Messages)} messages captured"));
        output.WriteLine(Invariant($"- box play time summed over boxes {played.Counter(BoxRealMilliseconds) / 1000.0:0} s; decoding and detection {played.Counter(DetectionRealMilliseconds) / 1000.0:0.0} s"));
        WriteFigures(played, output);

        IReadOnlyList<string> cases = [.. result.Scenarios.Cases(), .. parked.Cases(), .. late.Cases()];
        output.WriteLine(Invariant($"Cases that missed a goal: {cases.Count}"));
        output.WriteLine();
        foreach (string line in cases.Take(MaxCases))
        {
            output.WriteLine("- " + line);
        }

        if (cases.Count > MaxCases)
        {
            output.WriteLine(Invariant($"- ... and {cases.Count - MaxCases} more"));
        }
    }

    private static void WriteFigures(AccuracyTally tally, TextWriter output)
    {
        IReadOnlyList<(string Figure, IReadOnlyList<double> Values)> figures = tally.Figures();
        if (figures.Count == 0)
        {
            return;
        }

        output.WriteLine("| Figure | n | Median | p95 of \\|x\\| | Max \\|x\\| |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach ((string figure, IReadOnlyList<double> values) in figures)
        {
            double[] sorted = [.. values.Order()];
            double[] magnitudes = [.. values.Select(Math.Abs).Order()];
            output.WriteLine(Invariant($"| {figure} | {values.Count} | {Quantile(sorted, 0.5):0.##} | {Quantile(magnitudes, 0.95):0.##} | {magnitudes[^1]:0.##} |"));
        }

        output.WriteLine();
    }

    /// <summary>The value at <paramref name="q"/> of sorted values (nearest rank).</summary>
    private static double Quantile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Percent(double? share) => share is double s ? Invariant($"{s * 100:0.0} %") : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
