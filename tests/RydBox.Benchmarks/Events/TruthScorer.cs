using System.Globalization;
using RydBox.Gateway.Events.Model;
using RydBox.Simulator.Scenarios;

namespace RydBox.Benchmarks.Events;

/// <summary>
/// Holds what the gateway detected for one drive against the simulator's ground truth, row by row
/// of the table: trips (found at all, and within the goal's 60 s and 2 %), towing (and alerted within
/// two minutes), trouble codes, low battery, speeding and geofence crossings.
/// </summary>
internal static class TruthScorer
{
    /// <summary>The goal for a trip's start and end, s.</summary>
    public const double TripTimeToleranceSeconds = 60;

    /// <summary>The goal for a trip's distance, %.</summary>
    public const double TripDistanceTolerancePercent = 2;

    /// <summary>The goal for a towing alert, from the moment the tow started, s.</summary>
    public const double TowAlertGoalSeconds = 120;

    /// <summary>How far a towing alert may start before or end after the tow and still be the same episode.</summary>
    private const long TowSlackMs = 120_000;

    /// <summary>A low-battery alert this far around the truth's low stretch belongs to it (the thresholds of box, truth and gateway differ slightly).</summary>
    private const long LowBatterySlackMs = 600_000;

    /// <summary>A geofence crossing this close to the truth's is the same crossing (hysteresis and a parked box's one-minute sampling).</summary>
    private const long CrossingToleranceMs = 180_000;

    public static void Score(RecordedDrive drive, Detection detection, TimeSpan minimumSpeeding, AccuracyTally tally)
    {
        Trips(drive, detection, tally);
        Towing(drive, detection, tally);
        Dtcs(drive, detection, tally);
        LowBattery(drive, detection, tally);
        Speeding(drive, detection, minimumSpeeding, tally);
        Geofences(drive, detection, tally);
    }

    private static void Trips(RecordedDrive drive, Detection detection, AccuracyTally tally)
    {
        TripTruth[] truth = [.. drive.Truth.OfKind<TripTruth>()];
        TripEvent[] found = [.. detection.OfKind<TripEvent>()];
        var pairs = Match(truth, found, t => (t.StartUnixMs, t.EndUnixMs), e => (e.StartUnixMs, e.EndUnixMs ?? drive.EndUnixMs));
        int accurate = 0;
        foreach ((TripTruth t, TripEvent e) in pairs)
        {
            double startError = (e.StartUnixMs - t.StartUnixMs) / 1000.0;
            double? endError = e.EndUnixMs is long end ? (end - t.EndUnixMs) / 1000.0 : null;
            double distanceError = t.DistanceKm > 0 ? (e.DistanceKm - t.DistanceKm) / t.DistanceKm * 100 : 0;
            tally.Add("trip start error, s", startError);
            if (endError is double ended)
            {
                tally.Add("trip end error, s", ended);
            }

            tally.Add("trip distance error, %", distanceError);
            var wrong = new List<string>();
            if (Math.Abs(startError) > TripTimeToleranceSeconds)
            {
                wrong.Add(Invariant($"start {startError:+0;-0} s"));
            }

            if (endError is not double endSeconds)
            {
                wrong.Add("still open at the end");
            }
            else if (Math.Abs(endSeconds) > TripTimeToleranceSeconds)
            {
                wrong.Add(Invariant($"end {endSeconds:+0;-0} s"));
            }

            if (Math.Abs(distanceError) > TripDistanceTolerancePercent)
            {
                wrong.Add(Invariant($"distance {distanceError:+0.0;-0.0} % ({e.DistanceKm:0.000} km, truth {t.DistanceKm:0.000} km)"));
            }

            if (wrong.Count == 0)
            {
                accurate++;
            }
            else
            {
                tally.Note(Invariant($"{drive.Job.Name}: trip at {At(drive, t.StartUnixMs)} ({t.DistanceKm:0.0} km, {(t.EndUnixMs - t.StartUnixMs) / 60_000.0:0} min): {string.Join(", ", wrong)}"));
            }
        }

        NoteUnmatched(drive, tally, "trip", truth, found, pairs, t => t.StartUnixMs, e => e.StartUnixMs);
        tally.Count("trip found", new Score(pairs.Count, found.Length - pairs.Count, truth.Length - pairs.Count));
        tally.Count("trip within 60 s and 2 %", new Score(accurate, found.Length - accurate, truth.Length - accurate));
    }

    private static void Towing(RecordedDrive drive, Detection detection, AccuracyTally tally)
    {
        TowTruth[] truth = [.. drive.Truth.OfKind<TowTruth>()];
        TowingEvent[] found = [.. detection.OfKind<TowingEvent>()];
        var pairs = Match(truth, found, t => (t.StartUnixMs - TowSlackMs, t.EndUnixMs + TowSlackMs), e => (e.StartUnixMs, e.EndUnixMs ?? drive.EndUnixMs));
        int inTime = 0;
        foreach ((TowTruth t, TowingEvent e) in pairs)
        {
            tally.Add("towing start error, s", (e.StartUnixMs - t.StartUnixMs) / 1000.0);
            double? alert = detection.FirstEmittedUnixMs.TryGetValue(e.Key, out long first) ? (first - t.StartUnixMs) / 1000.0 : null;
            if (alert is double delay)
            {
                tally.Add("towing alert delay, s", delay);
            }

            if (alert is double seconds && seconds <= TowAlertGoalSeconds)
            {
                inTime++;
            }
            else
            {
                tally.Note(Invariant($"{drive.Job.Name}: tow at {At(drive, t.StartUnixMs)} alerted {alert?.ToString("0", CultureInfo.InvariantCulture) ?? "?"} s after it started (episode start {(e.StartUnixMs - t.StartUnixMs) / 1000.0:+0;-0} s, box alarm {e.RaisedByBox})"));
            }
        }

        NoteUnmatched(drive, tally, "towing", truth, found, pairs, t => t.StartUnixMs, e => e.StartUnixMs);
        tally.Count("towing found", new Score(pairs.Count, found.Length - pairs.Count, truth.Length - pairs.Count));
        tally.Count("towing alerted within 2 min", new Score(inTime, found.Length - inTime, truth.Length - inTime));
    }

    private static void Dtcs(RecordedDrive drive, Detection detection, AccuracyTally tally)
    {
        DtcTruth[] truth = [.. drive.Truth.OfKind<DtcTruth>().Where(d => !d.Cleared)];
        DtcEvent[] found = [.. detection.OfKind<DtcEvent>().Where(d => !d.Cleared)];
        var pairs = new List<(DtcTruth, DtcEvent)>();
        var left = found.ToList();
        foreach (DtcTruth t in truth)
        {
            DtcEvent? e = left.Where(e => e.Code == t.Code).MinBy(e => Math.Abs(e.StartUnixMs - t.StartUnixMs));
            if (e is not null)
            {
                left.Remove(e);
                pairs.Add((t, e));
                tally.Add("dtc delay, s", (e.StartUnixMs - t.StartUnixMs) / 1000.0);
            }
        }

        NoteUnmatched(drive, tally, "dtc", truth, found, pairs, t => t.StartUnixMs, e => e.StartUnixMs);
        tally.Count("dtc", new Score(pairs.Count, found.Length - pairs.Count, truth.Length - pairs.Count));
    }

    private static void LowBattery(RecordedDrive drive, Detection detection, AccuracyTally tally)
    {
        LowBatteryTruth[] truth = [.. drive.Truth.OfKind<LowBatteryTruth>()];
        LowBatteryEvent[] found = [.. detection.OfKind<LowBatteryEvent>()];
        var pairs = Match(truth, found, t => (t.StartUnixMs - LowBatterySlackMs, t.EndUnixMs + LowBatterySlackMs), e => (e.StartUnixMs, e.StartUnixMs));
        foreach ((LowBatteryTruth t, LowBatteryEvent e) in pairs)
        {
            tally.Add("low battery delay, s", (e.StartUnixMs - t.StartUnixMs) / 1000.0);
        }

        NoteUnmatched(drive, tally, "low battery", truth, found, pairs, t => t.StartUnixMs, e => e.StartUnixMs);
        tally.Count("low battery", new Score(pairs.Count, found.Length - pairs.Count, truth.Length - pairs.Count));
    }

    /// <summary>
    /// Episodes above the limit the gateway was given (the posted limit plus the truth's margin):
    /// truth episodes shorter than the gateway's minimum duration are not expected, and an alert
    /// over one of them is no false alarm either.
    /// </summary>
    private static void Speeding(RecordedDrive drive, Detection detection, TimeSpan minimum, AccuracyTally tally)
    {
        SpeedingTruth[] all = [.. drive.Truth.OfKind<SpeedingTruth>()];
        SpeedingTruth[] truth = [.. all.Where(t => t.EndUnixMs - t.StartUnixMs >= minimum.TotalMilliseconds)];
        SpeedingEvent[] found = [.. detection.OfKind<SpeedingEvent>()];
        var pairs = Match(truth, found, t => (t.StartUnixMs, t.EndUnixMs), e => (e.StartUnixMs, e.EndUnixMs ?? drive.EndUnixMs));
        foreach ((SpeedingTruth t, SpeedingEvent e) in pairs)
        {
            tally.Add("speeding start error, s", (e.StartUnixMs - t.StartUnixMs) / 1000.0);
        }

        SpeedingEvent[] unexplained = [.. found.Where(e => !pairs.Any(p => p.Found == e) && !all.Any(t => Overlap((t.StartUnixMs, t.EndUnixMs), (e.StartUnixMs, e.EndUnixMs ?? drive.EndUnixMs)) > 0))];
        NoteUnmatched(drive, tally, "speeding", truth, unexplained, pairs, t => t.StartUnixMs, e => e.StartUnixMs);
        tally.Count("speeding", new Score(pairs.Count, unexplained.Length, truth.Length - pairs.Count));
    }

    /// <summary>
    /// Crossings of the scenario's geofences: an entry where the truth's inside stretch starts after
    /// the drive began, an exit where it ends before the drive ended. The gateway's first report of
    /// where the vehicle stands at the start (inside home) is no crossing.
    /// </summary>
    private static void Geofences(RecordedDrive drive, Detection detection, AccuracyTally tally)
    {
        if (drive.Fences.Count == 0)
        {
            return;
        }

        long scenarioEnd = drive.Truth.Records.Max(r => r.EndUnixMs);
        long firstMoment = drive.StartUnixMs;
        var truth = new List<(string Fence, GeofenceTransition Transition, long At)>();
        foreach (GeofenceTruth inside in drive.Truth.OfKind<GeofenceTruth>())
        {
            if (inside.StartUnixMs > firstMoment + CrossingToleranceMs)
            {
                truth.Add((inside.Name, GeofenceTransition.Enter, inside.StartUnixMs));
            }

            if (inside.EndUnixMs < scenarioEnd)
            {
                truth.Add((inside.Name, GeofenceTransition.Exit, inside.EndUnixMs));
            }
        }

        GeofenceEvent[] found = [.. detection.OfKind<GeofenceEvent>().Where(e => !(e.Transition == GeofenceTransition.Enter && e.StartUnixMs <= firstMoment + CrossingToleranceMs))];
        var left = found.ToList();
        var pairs = new List<((string Fence, GeofenceTransition Transition, long At), GeofenceEvent)>();
        foreach ((string fence, GeofenceTransition transition, long at) t in truth)
        {
            GeofenceEvent? e = left.Where(e => e.FenceName == t.fence && e.Transition == t.transition && Math.Abs(e.StartUnixMs - t.at) <= CrossingToleranceMs)
                .MinBy(e => Math.Abs(e.StartUnixMs - t.at));
            if (e is not null)
            {
                left.Remove(e);
                pairs.Add((t, e));
                tally.Add("geofence crossing error, s", (e.StartUnixMs - t.at) / 1000.0);
            }
        }

        NoteUnmatched(drive, tally, "geofence crossing", truth, found, pairs, t => t.At, e => e.StartUnixMs);
        tally.Count("geofence crossing", new Score(pairs.Count, found.Length - pairs.Count, truth.Count - pairs.Count));
    }

    /// <summary>One-to-one pairs of truth and detection whose intervals overlap, the largest overlaps first.</summary>
    private static List<(TTruth Truth, TFound Found)> Match<TTruth, TFound>(
        IReadOnlyList<TTruth> truth, IReadOnlyList<TFound> found, Func<TTruth, (long, long)> truthSpan, Func<TFound, (long, long)> foundSpan)
        where TFound : class
        where TTruth : class
    {
        var candidates = (from t in truth from f in found let overlap = Overlap(truthSpan(t), foundSpan(f)) where overlap > 0 orderby overlap descending select (t, f)).ToList();
        var pairs = new List<(TTruth, TFound)>();
        var usedTruth = new HashSet<TTruth>(ReferenceEqualityComparer.Instance);
        var usedFound = new HashSet<TFound>(ReferenceEqualityComparer.Instance);
        foreach ((TTruth t, TFound f) in candidates)
        {
            if (usedTruth.Add(t))
            {
                if (usedFound.Add(f))
                {
                    pairs.Add((t, f));
                }
                else
                {
                    usedTruth.Remove(t);
                }
            }
        }

        return pairs;
    }

    /// <summary>Overlap of two closed intervals, counting an instant as 1 ms.</summary>
    private static long Overlap((long From, long To) a, (long From, long To) b) => Math.Min(a.To, b.To) - Math.Max(a.From, b.From) + 1;

    private static void NoteUnmatched<TTruth, TFound>(
        RecordedDrive drive, AccuracyTally tally, string what, IEnumerable<TTruth> truth, IEnumerable<TFound> found,
        IReadOnlyList<(TTruth Truth, TFound Found)> pairs, Func<TTruth, long> truthStart, Func<TFound, long> foundStart)
    {
        foreach (TTruth t in truth.Where(t => !pairs.Any(p => Equals(p.Truth, t))))
        {
            tally.Note($"{drive.Job.Name}: {what} at {At(drive, truthStart(t))} missed");
        }

        foreach (TFound f in found.Where(f => !pairs.Any(p => Equals(p.Found, f))))
        {
            tally.Note($"{drive.Job.Name}: false {what} at {At(drive, foundStart(f))}{Describe(drive, f as VehicleEvent)}");
        }
    }

    private static string Describe(RecordedDrive drive, VehicleEvent? found) => found switch
    {
        TripEvent trip => Invariant($" to {(trip.EndUnixMs is long end ? At(drive, end) : "open")}, {trip.DistanceKm:0.000} km ({trip.Source})"),
        TowingEvent tow => Invariant($" to {(tow.EndUnixMs is long end ? At(drive, end) : "open")}, {tow.Path.Count} path points, box alarm {tow.RaisedByBox}"),
        { EndUnixMs: long end } when end != found.StartUnixMs => $" to {At(drive, end)}",
        _ => "",
    };

    /// <summary>A moment as time since the drive began (h:mm:ss), easier to find again than a unix time.</summary>
    private static string At(RecordedDrive drive, long unixMs) =>
        TimeSpan.FromMilliseconds(unixMs - drive.StartUnixMs).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
