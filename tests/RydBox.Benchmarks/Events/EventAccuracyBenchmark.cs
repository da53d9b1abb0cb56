using System.Diagnostics;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Detectors.Speeding;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Processing;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;
using SimulatedFence = RydBox.Simulator.Scenarios.Geofence;

namespace RydBox.Benchmarks.Events;

/// <summary>
/// event-accuracy: the gateway's detectors against the simulator's ground truth (issue 6, "Accuracy,
/// measured"). Virtual boxes running the real firmware play (a) every catalogue scenario over many
/// seeds and a commute with a network outage, (b) a thousand parked nights with GNSS drift, and what
/// they publish goes through the gateway's decoding, observation reading and detectors; (c) each drive
/// is detected twice, as it arrived and in time order, and the trips compared. See README.md.
/// </summary>
public static class EventAccuracyBenchmark
{
    /// <summary>Where the commute's network outage starts, as a share of the time estimated to the end of the first drive: it cuts that drive's end.</summary>
    private const double OutageAtShareOfFirstDrive = 0.7;

    /// <summary>The parked nights of part b; part a leaves it out.</summary>
    private const string Overnight = "overnight";

    /// <summary>Parked nights playing at once per drive playing at once (--parallel).</summary>
    private const int NightsPerDrive = 4;

    private static readonly TimeSpan InjectedOutage = TimeSpan.FromMinutes(20);

    public static int Run(string[] args) => Run(args, Console.Out);

    /// <returns>0 when every drive played and was scored (whatever the accuracy), 1 when the harness failed, 2 for bad options.</returns>
    internal static int Run(string[] args, TextWriter output)
    {
        if (AccuracyOptions.Parse(args) is not AccuracyOptions options)
        {
            return 2;
        }

        try
        {
            AccuracyResult result = Measure(options, line => Console.Error.WriteLine(line));
            AccuracyReport.Write(result, output);
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"event-accuracy: the harness failed: {e}");
            return 1;
        }
    }

    internal static AccuracyResult Measure(AccuracyOptions options, Action<string> progress)
    {
        long started = Stopwatch.GetTimestamp();
        var world = new ScenarioWorld(options.WorldSeed);
        IReadOnlyList<DriveJob> drives = DriveJobs(options);
        IReadOnlyList<DriveJob> nights = NightJobs(options);
        var scenarios = new AccuracyTally();
        var parked = new AccuracyTally();
        var late = new AccuracyTally();
        var played = new AccuracyTally();
        int done = 0, total = drives.Count + nights.Count;
        using var player = new DrivePlayer(world, new SimulationPace(options.ActiveSpeed, options.ParkedSpeed), options.Parallel * NightsPerDrive);

        // Drives keep the sampling busy; parked nights mostly wait, so many more of them play at once.
        foreach ((IReadOnlyList<DriveJob> jobs, AccuracyTally tally, int parallel) in new[] { (drives, scenarios, options.Parallel), (nights, parked, options.Parallel * NightsPerDrive) })
        {
            Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (job, cancellation) =>
            {
                RecordedDrive drive = await player.PlayAsync(job, cancellation);
                Evaluate(drive, tally, late, played);
                int count = Interlocked.Increment(ref done);
                if (count % 100 == 0 || count == total)
                {
                    progress($"event-accuracy: {count}/{total} drives played ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)");
                }
            }).GetAwaiter().GetResult();
        }

        return new AccuracyResult(options, drives.Count, nights.Count, scenarios, parked, late, played, Stopwatch.GetElapsedTime(started));
    }

    private static void Evaluate(RecordedDrive drive, AccuracyTally accuracy, AccuracyTally late, AccuracyTally played)
    {
        long decodeStarted = Stopwatch.GetTimestamp();
        IReadOnlyList<Delivery> deliveries = Deliveries.Of(drive);
        EventsOptions options = OptionsFor(drive);
        VehicleRules rules = RulesFor(drive);
        Detection arriving = GatewayDetection.AsArriving(deliveries, options, rules);
        Detection inTimeOrder = GatewayDetection.InTimeOrder(deliveries, options, rules);
        TruthScorer.Score(drive, arriving, options.Speeding.MinimumDuration, accuracy);
        LateComparison.Compare(drive, arriving, inTimeOrder, late);

        played.Increment(AccuracyReport.SimulatedMilliseconds, drive.EndUnixMs - drive.StartUnixMs);
        played.Increment(AccuracyReport.BoxRealMilliseconds, (long)drive.RealTime.TotalMilliseconds);
        played.Increment(AccuracyReport.DetectionRealMilliseconds, (long)Stopwatch.GetElapsedTime(decodeStarted).TotalMilliseconds);
        played.Increment(AccuracyReport.Messages, drive.Messages.Count);
        foreach (double interval in DrivingIntervals(deliveries))
        {
            played.Add(AccuracyReport.DrivingInterval, interval);
        }
    }

    /// <summary>
    /// The gateway's defaults, except the speeding limit: the family would set the limit the road has,
    /// so the scenario's posted limit plus the truth's margin (the gateway's 130 km/h default otherwise).
    /// </summary>
    private static EventsOptions OptionsFor(RecordedDrive drive)
    {
        var options = new EventsOptions();
        if (drive.Truth.OfKind<SpeedingTruth>().FirstOrDefault() is SpeedingTruth speeding)
        {
            options.Speeding = new SpeedingOptions { LimitKmh = speeding.LimitKmh * (1 + TruthRecorder.SpeedingMargin) };
        }

        return options;
    }

    private static VehicleRules RulesFor(RecordedDrive drive) => new(
        [.. drive.Fences.Select(Circle)],
        []);

    private static RydBox.Gateway.Events.Detectors.Geofences.Geofence Circle(SimulatedFence fence) =>
        RydBox.Gateway.Events.Detectors.Geofences.Geofence.Circle(fence.Name, fence.Name, new Place(fence.Centre.Latitude, fence.Centre.Longitude), fence.RadiusMetres);

    /// <summary>Seconds between consecutive rows while the vehicle moves (OBD speed above zero): how faithfully the box kept up at the accelerated pace.</summary>
    private static IEnumerable<double> DrivingIntervals(IReadOnlyList<Delivery> deliveries)
    {
        long? previous = null;
        foreach (SampleObservation row in deliveries.SelectMany(d => d.Observations).OfType<SampleObservation>().OrderBy(r => r.UnixMilliseconds))
        {
            if (row.ObdSpeedKmh > 0 && previous is long before)
            {
                yield return (row.UnixMilliseconds - before) / 1000.0;
            }

            previous = row.ObdSpeedKmh > 0 ? row.UnixMilliseconds : null;
        }
    }

    /// <summary>Every catalogue scenario (but overnight, which part b plays) × the seeds, and a commute with a network outage × the seeds.</summary>
    private static IReadOnlyList<DriveJob> DriveJobs(AccuracyOptions options)
    {
        IEnumerable<ScenarioDefinition> scenarios = ScenarioCatalog.All
            .Where(s => s.Name != Overnight)
            .Append(CommuteWithOutage())
            .Where(s => options.Scenarios.Count == 0 || options.Scenarios.Contains(s.Name, StringComparer.OrdinalIgnoreCase));
        var jobs = new List<DriveJob>();
        foreach ((ScenarioDefinition scenario, int index) in scenarios.Select((s, i) => (s, i)))
        {
            for (int seed = 1; seed <= options.Seeds; seed++)
            {
                jobs.Add(new DriveJob(scenario, (index * 10_000) + seed, PathFor(seed)));
            }
        }

        return jobs;
    }

    private static IReadOnlyList<DriveJob> NightJobs(AccuracyOptions options)
    {
        ScenarioDefinition overnight = ScenarioCatalog.Find(Overnight)!;
        return [.. Enumerable.Range(1, options.Nights).Select(night => new DriveJob(overnight, 1_000_000 + night, PathFor(night)))];
    }

    /// <summary>Every third box on the CAN bus, the others through an ELM327, as the fleet mixes them.</summary>
    private static ObdPath PathFor(int seed) => seed % 3 == 0 ? ObdPath.Can : ObdPath.Elm327;

    /// <summary>The commute with the network gone for 20 minutes from late in the first drive: its end and the parked stretch arrive late.</summary>
    private static ScenarioDefinition CommuteWithOutage()
    {
        ScenarioDefinition commute = ScenarioCatalog.Find("commute")!;
        return new ScenarioDefinition("commute-outage", "the commute with 20 minutes of no network from late in the first drive", (world, random) =>
        {
            ScenarioPlan plan = commute.Plan(world, random);
            int firstDrive = plan.Steps.ToList().FindIndex(s => s is RouteStep);
            long toFirstDriveEnd = plan.Steps.Take(firstDrive + 1).Sum(s => s.EstimatedMilliseconds);
            var outage = new ScriptBuilder().Outage(TimeSpan.FromMilliseconds(toFirstDriveEnd * OutageAtShareOfFirstDrive), InjectedOutage);
            return plan with { Name = "commute-outage", Steps = [.. outage.Steps, .. plan.Steps] };
        });
    }
}

/// <summary>What one run of the benchmark measured.</summary>
internal sealed record AccuracyResult(
    AccuracyOptions Options, int Drives, int Nights, AccuracyTally Scenarios, AccuracyTally Parked, AccuracyTally Late, AccuracyTally Played, TimeSpan RealTime);
