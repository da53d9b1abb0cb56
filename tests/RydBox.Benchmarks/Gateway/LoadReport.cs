using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RydBox.Benchmarks.Gateway;

internal sealed record LoadSetup(
    LoadOptions Options, int Cores, string Os, string Runtime, long? OpenFileLimit, double PayloadBytes, double ValuesPerSample);

/// <summary>CPU so far of the server, the generator and influxd (if any), and the server's working set, at one window boundary.</summary>
internal sealed record UsageMark(long Timestamp, TimeSpan Server, TimeSpan Generator, TimeSpan? Influx, long ServerWorkingSet);

internal sealed record TargetResult(
    string Target,
    ServerReady Ready,
    MemorySnapshot Idle,
    MemorySnapshot Half,
    MemorySnapshot Full,
    ConnectReport HalfConnect,
    ConnectReport Connect,
    IReadOnlyList<PhaseOutcome> Phases,
    ServerCounts Counts,
    DoneReport Done)
{
    public PhaseOutcome? Phase(string name) => Phases.FirstOrDefault(p => p.Phase == name);

    /// <summary>(after − before) / boxes connected.</summary>
    public double WorkingSetPerBox => PerBox(Full.WorkingSetBytes - Idle.WorkingSetBytes, Connect.Connected);

    public double ManagedPerBox => PerBox(Full.ManagedBytes - Idle.ManagedBytes, Connect.Connected);

    /// <summary>The second half of the boxes only: what one more box costs, without start-up costs paid by the first connections.</summary>
    public double WorkingSetMarginal => PerBox(Full.WorkingSetBytes - Half.WorkingSetBytes, Connect.Connected - HalfConnect.Connected);

    public double ManagedMarginal => PerBox(Full.ManagedBytes - Half.ManagedBytes, Connect.Connected - HalfConnect.Connected);

    private static double PerBox(long bytes, int boxes) => boxes > 0 ? bytes / (double)boxes : double.NaN;
}

/// <summary>One phase against one target, as medians over its windows (max: the largest of any window).</summary>
internal sealed record PhaseOutcome(
    string Phase,
    int Windows,
    double MessagesPerSecond,
    double SamplesPerSecond,
    double SamplesMin,
    double SamplesMax,
    double P50,
    double P90,
    double P99,
    double Max,
    long Failed,
    int LostConnections,
    string? FirstError,
    double ServerCpu,
    double GeneratorCpu,
    double? InfluxCpu,
    long PeakServerWorkingSet,
    PipelineFigures? Pipeline)
{
    public static PhaseOutcome From(
        PhaseReport report, IReadOnlyList<UsageMark> marks, int samplesPerBatch, PipelineCounts? pipelineStart, PipelineCounts? pipelineEnd)
    {
        PipelineFigures? pipeline = null;
        if (pipelineStart is not null && pipelineEnd is not null && marks.Count > 1 && pipelineEnd.Batches > pipelineStart.Batches)
        {
            double seconds = (marks[^1].Timestamp - marks[0].Timestamp) / (double)Stopwatch.Frequency;
            long batches = pipelineEnd.Batches - pipelineStart.Batches;
            double busy = pipelineEnd.CommitSeconds - pipelineStart.CommitSeconds;
            pipeline = new PipelineFigures(
                batches / seconds, (pipelineEnd.Messages - pipelineStart.Messages) / (double)batches, busy * 1000 / batches, busy / seconds);
        }

        double perMessage = report.SamplesPerMessage ?? samplesPerBatch;
        WindowReport[] w = report.Windows;
        double[] messages = w.Select(x => x.Messages / report.WindowSeconds).ToArray();
        var server = new List<double>();
        var generator = new List<double>();
        var influx = new List<double>();
        for (int k = 0; k + 1 < marks.Count && k < w.Length; k++)
        {
            double seconds = (marks[k + 1].Timestamp - marks[k].Timestamp) / (double)Stopwatch.Frequency;
            server.Add((marks[k + 1].Server - marks[k].Server).TotalSeconds / seconds);
            generator.Add((marks[k + 1].Generator - marks[k].Generator).TotalSeconds / seconds);
            if (marks[k + 1].Influx is TimeSpan after && marks[k].Influx is TimeSpan before)
            {
                influx.Add((after - before).TotalSeconds / seconds);
            }
        }

        return new PhaseOutcome(
            report.Phase,
            w.Length,
            Median(messages),
            Median(messages) * perMessage,
            messages.DefaultIfEmpty().Min() * perMessage,
            messages.DefaultIfEmpty().Max() * perMessage,
            Median(w.Select(x => x.P50Ms)),
            Median(w.Select(x => x.P90Ms)),
            Median(w.Select(x => x.P99Ms)),
            w.Select(x => x.MaxMs).DefaultIfEmpty().Max(),
            report.Failed,
            report.LostConnections,
            report.FirstError,
            Median(server),
            Median(generator),
            influx.Count > 0 ? Median(influx) : null,
            marks.Select(m => m.ServerWorkingSet).DefaultIfEmpty().Max(),
            pipeline);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>
/// The gateway's ingest pipeline over a phase's measured windows: batches committed per second, messages
/// per batch, milliseconds to validate and commit one, and the share of the time its writer loop spent doing that.
/// </summary>
internal sealed record PipelineFigures(double BatchesPerSecond, double MessagesPerBatch, double MillisecondsPerBatch, double WriterBusy);

/// <summary>The plain-text figures.</summary>
internal static class LoadReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintSetup(LoadSetup setup)
    {
        LoadOptions o = setup.Options;
        if (o.Generator == GeneratorChoice.Simulator)
        {
            Console.WriteLine(F($"RydBox gateway load: {o.Boxes:N0} virtual boxes from the simulator, each its own MQTT 3.1.1 connection: the real firmware core"));
            Console.WriteLine(F($"  sampling simulated vehicles through the scenarios at {o.SimulatorSpeed:0.##}x (a driving box sends a batch of about 10 samples every {10 / o.SimulatorSpeed:0.##} s)"));
        }
        else
        {
            Console.WriteLine(F($"RydBox gateway load: {o.Boxes:N0} boxes, each its own MQTT {(o.Mqtt5 ? "5" : "3.1.1")} connection, QoS 1 telemetry batches of {o.SamplesPerBatch} samples"));
            Console.WriteLine(F($"  ({setup.ValuesPerSample:0.0} values a sample from a simulated drive, {setup.PayloadBytes:0} bytes a batch, encoded by the firmware core)"));
        }

        Console.WriteLine(F($"machine: {setup.Cores} cores, {setup.Os}, {setup.Runtime}; open-file limit {setup.OpenFileLimit?.ToString(Invariant) ?? "unknown"}"));
        Console.WriteLine(F($"server process: {(o.ServerGc ? "server GC, as rydbox-gateway runs" : "workstation GC")}; boxes in a second process, this one only watches"));
        Console.WriteLine(F($"phases: {string.Join(", ", o.Phases.Select(p => PhaseMeaning(p, o.Generator)))}"));
        Console.WriteLine(F($"each phase: {o.WarmupSeconds:0.#} s warm-up, then {o.Windows} windows of {o.Seconds / o.Windows:0.##} s; figures are medians over the windows"));
    }

    public static string PhaseLine(PhaseOutcome p) =>
        F($"{p.Phase,-5} {p.MessagesPerSecond,9:N0} msg/s {p.SamplesPerSecond,10:N0} samples/s  p50 {p.P50,7:0.0} p99 {p.P99,7:0.0} max {p.Max,7:0.0} ms  failed {p.Failed}  CPU/s server {p.ServerCpu:0.00} boxes {p.GeneratorCpu:0.00}{(p.InfluxCpu is double i ? F($" influxd {i:0.00}") : "")}");

    public static void Print(
        LoadSetup setup, IReadOnlyList<TargetResult> results, IReadOnlyList<BreakdownStep>? breakdown, string? skipped)
    {
        LoadOptions o = setup.Options;
        Console.WriteLine();
        Console.WriteLine("== Throughput and latency ==");
        Console.WriteLine("latency: publish → PUBACK at the box. The gateway sends a PUBACK only after the batch holding the message has");
        Console.WriteLine("committed (Broker/EmbeddedMqttBroker), so for sqlite and influx it is publish → committed; the baseline acknowledges at once.");
        Console.WriteLine("CPU/s: CPU seconds per second of the server process, the box generator and influxd (2 cores = 2.00 at most).");
        var table = new TextTable(
            "phase", "target", "boxes", "offered msg/s", "msg/s", "samples/s", "samples/s range", "p50 ms", "p90 ms", "p99 ms", "max ms", "failed",
            "server CPU/s", "boxes CPU/s", "influxd CPU/s", "samples per server CPU-s");
        foreach (string phase in o.Phases)
        {
            foreach (TargetResult r in results)
            {
                if (r.Phase(phase) is not PhaseOutcome p)
                {
                    continue;
                }

                table.Add(
                    phase, r.Target, F($"{r.Connect.Connected:N0}"), phase == LoadPhases.Paced && o.Generator == GeneratorChoice.Light ? F($"{Offered(o, r):N0}") : "-", F($"{p.MessagesPerSecond:N0}"), F($"{p.SamplesPerSecond:N0}"),
                    F($"{p.SamplesMin:N0}–{p.SamplesMax:N0}"), F($"{p.P50:0.0}"), F($"{p.P90:0.0}"), F($"{p.P99:0.0}"), F($"{p.Max:0.0}"),
                    F($"{p.Failed}{(p.LostConnections > 0 ? $" ({p.LostConnections} lost)" : "")}"),
                    F($"{p.ServerCpu:0.00}"), F($"{p.GeneratorCpu:0.00}"), p.InfluxCpu is double i ? F($"{i:0.00}") : "-",
                    F($"{p.SamplesPerSecond / ((p.ServerCpu + (p.InfluxCpu ?? 0)) > 0 ? p.ServerCpu + (p.InfluxCpu ?? 0) : double.NaN):N0}"));
            }
        }

        table.Print();
        Console.WriteLine("samples per server CPU-s counts influxd's CPU with the gateway's.");
        foreach (TargetResult r in results)
        {
            if (r.Phase(LoadPhases.Paced) is PhaseOutcome p && Overloaded(o, r, p))
            {
                Console.WriteLine(F($"{r.Target}, paced: {p.MessagesPerSecond:N0} of the {Offered(o, r):N0} msg/s offered went through: overloaded. Its queue grows for as long as the phase lasts, so its latencies are not steady-state figures."));
            }
        }

        Console.WriteLine();
        Console.WriteLine("== Memory of the server process (after a full, compacting GC) ==");
        Console.WriteLine("per box avg: (after connecting − before) / boxes; marginal: the second half of the boxes only (no start-up costs).");
        var memory = new TextTable(
            "target", "connected", "refused/failed/retries", "connect s", "WS before MB", "WS after MB", "heap before MB", "heap after MB",
            "WS/box avg KB", "WS/box marginal KB", "heap/box avg KB", "heap/box marginal KB", "WS peak under load MB");
        foreach (TargetResult r in results)
        {
            memory.Add(
                r.Target, F($"{r.Connect.Connected:N0}"), F($"{r.Connect.Refused}/{r.Connect.Failed}/{r.Connect.Retries}"),
                F($"{r.HalfConnect.Seconds + r.Connect.Seconds:0.0}"),
                Mb(r.Idle.WorkingSetBytes), Mb(r.Full.WorkingSetBytes), Mb(r.Idle.ManagedBytes), Mb(r.Full.ManagedBytes),
                Kb(r.WorkingSetPerBox), Kb(r.WorkingSetMarginal), Kb(r.ManagedPerBox), Kb(r.ManagedMarginal),
                Mb(r.Phases.Select(p => p.PeakServerWorkingSet).DefaultIfEmpty().Max()));
        }

        memory.Print();

        Console.WriteLine();
        Console.WriteLine("== Gateway ingest pipeline (its own meter: rydbox.ingest.batch.size, rydbox.ingest.commit.duration) ==");
        Console.WriteLine("one writer loop validates and commits batch after batch; busy = the share of the wall time it spent doing so.");
        var pipeline = new TextTable("phase", "target", "batches/s", "messages/batch", "ms/batch (validate + commit)", "writer busy");
        foreach (string phase in o.Phases)
        {
            foreach (TargetResult r in results)
            {
                if (r.Phase(phase)?.Pipeline is PipelineFigures f)
                {
                    pipeline.Add(phase, r.Target, F($"{f.BatchesPerSecond:0.0}"), F($"{f.MessagesPerBatch:0}"), F($"{f.MillisecondsPerBatch:0.0}"), F($"{f.WriterBusy:P0}"));
                }
            }
        }

        pipeline.Print();

        if (breakdown is not null)
        {
            double total = breakdown.Where(b => b.InWriter).Sum(b => b.Milliseconds);
            Console.WriteLine();
            Console.WriteLine(F($"== Where a full SQLite batch's time goes ({CommitBreakdown.Messages} messages from {CommitBreakdown.Messages} boxes, the gateway's storage code, one thread, median) =="));
            Console.WriteLine("the writer loop's steps, and their share of its time; decoding is done beside it, on the submitting connections' threads.");
            var steps = new TextTable("step", "ms/batch", "µs/message", "share of writer") { NameColumns = 1 };
            foreach (BreakdownStep step in breakdown.Where(b => b.InWriter))
            {
                steps.Add(step.Step, F($"{step.Milliseconds:0.0}"), F($"{step.Milliseconds * 1000 / CommitBreakdown.Messages:0.0}"), F($"{step.Milliseconds / total:P0}"));
            }

            steps.Add("writer total", F($"{total:0.0}"), F($"{total * 1000 / CommitBreakdown.Messages:0.0}"), "100 %");
            foreach (BreakdownStep step in breakdown.Where(b => !b.InWriter))
            {
                steps.Add(step.Step + " (submitters)", F($"{step.Milliseconds:0.0}"), F($"{step.Milliseconds * 1000 / CommitBreakdown.Messages:0.0}"), "–");
            }

            steps.Print();
        }

        Console.WriteLine();
        Console.WriteLine("== Every acknowledged message stored exactly once? ==");
        foreach (TargetResult r in results)
        {
            ServerCounts c = r.Counts;
            string rows = c.TelemetryRows is long n ? F($", telemetry_batches rows {n:N0}") : "";
            string verdict = r.Target == LoadServer.Baseline
                ? F($"baseline: acknowledged {r.Done.Acknowledged:N0}, received {c.Received:N0}")
                : F($"{r.Target}: acknowledged {r.Done.Acknowledged:N0}, committed {c.Committed:N0}{rows}, duplicates {c.Duplicates}, dead letters {c.DeadLetters}, commit failures {c.CommitFailures}, refused connections {c.RefusedConnections}");
            Console.WriteLine(verdict);
            foreach (PhaseOutcome p in r.Phases.Where(p => p.FirstError is not null))
            {
                Console.WriteLine($"  {p.Phase}: first failure: {p.FirstError}");
            }
        }

        PrintGoals(o, results);
        if (skipped is not null)
        {
            Console.WriteLine();
            Console.WriteLine(skipped);
        }
    }

    private static void PrintGoals(LoadOptions o, IReadOnlyList<TargetResult> results)
    {
        TargetResult? baseline = results.FirstOrDefault(r => r.Target == LoadServer.Baseline);
        Console.WriteLine();
        Console.WriteLine("== Goals (2-core machine) ==");
        foreach (TargetResult r in results.Where(r => r.Target != LoadServer.Baseline))
        {
            string store = r.Target == LoadServer.Sqlite ? "SQLite" : "InfluxDB";
            if (r.Phase(LoadPhases.Max) is PhaseOutcome max)
            {
                Console.WriteLine(F($"{store}: sustained {max.SamplesPerSecond:N0} samples/s with {r.Connect.Connected:N0} boxes publishing flat out") +
                                  (r.Target == LoadServer.Sqlite ? Verdict(max.SamplesPerSecond >= 100_000, "goal ≥ 100,000") : ""));
                if (baseline?.Phase(LoadPhases.Max) is PhaseOutcome reference)
                {
                    double ratio = max.SamplesPerSecond / reference.SamplesPerSecond;
                    Console.WriteLine(F($"{store}: {ratio:P0} of the do-nothing subscriber's {reference.SamplesPerSecond:N0} samples/s") + Verdict(ratio >= 0.70, "goal ≥ 70 %"));
                }
            }

            if (r.Phase(LoadPhases.Paced) is PhaseOutcome paced)
            {
                bool goalSetting = r.Connect.Connected >= 10_000 && Math.Abs(o.RateHz - 1) < 1e-9;
                Console.WriteLine(F($"{store}: p99 publish → committed {paced.P99:0.0} ms with {r.Connect.Connected:N0} boxes at {o.RateHz:0.###} Hz") +
                                  (Overloaded(o, r, paced) ? F($" (overloaded: {paced.MessagesPerSecond:N0} of {Offered(o, r):N0} msg/s)") : "") +
                                  (goalSetting
                                      ? Verdict(paced.P99 < 250 && !Overloaded(o, r, paced), "goal < 250 ms with 10,000 boxes at 1 Hz")
                                      : "  [not judged: the goal, < 250 ms, is for --boxes 10000 --rate-hz 1]"));
            }

            Console.WriteLine(F($"{store}: {r.WorkingSetPerBox / 1024:0.0} KB of working set per connected box (marginal {r.WorkingSetMarginal / 1024:0.0} KB)") +
                              Verdict(r.WorkingSetPerBox <= 50 * 1024, "goal ≤ 50 KB"));
        }
    }

    /// <summary>Messages per second the connected boxes try to send in the paced phase.</summary>
    private static double Offered(LoadOptions o, TargetResult r) => r.Connect.Connected * o.RateHz;

    /// <summary>Less than 95 % of the offered rate went through (simulated boxes offer what their vehicles make: never judged).</summary>
    private static bool Overloaded(LoadOptions o, TargetResult r, PhaseOutcome paced) =>
        o.Generator == GeneratorChoice.Light && paced.MessagesPerSecond < 0.95 * Offered(o, r);

    private static string Verdict(bool met, string goal) => met ? $"  [met: {goal}]" : $"  [NOT met: {goal}]";

    private static string PhaseMeaning(string phase, GeneratorChoice generator) => phase switch
    {
        LoadPhases.Paced when generator == GeneratorChoice.Simulator =>
            "paced = every box publishes when its firmware decides, latency counted from the publish (a box's outbox holds what waits before)",
        LoadPhases.Paced => "paced = every box publishes at --rate-hz, latency counted from when each batch was due",
        _ => "max = every box publishes its next batch as soon as the last is acknowledged (capacity)",
    };

    private static string Mb(long bytes) => F($"{bytes / 1048576.0:0.0}");

    private static string Kb(double bytes) => double.IsNaN(bytes) ? "-" : F($"{bytes / 1024:0.0}");

    private static string F(FormattableString text) => text.ToString(Invariant);

    /// <summary>Columns padded to their widest cell.</summary>
    private sealed class TextTable(params string[] headers)
    {
        /// <summary>Columns from the left that hold names (padded right); the others hold figures (padded left).</summary>
        public int NameColumns { get; init; } = 2;

        private readonly List<string[]> _rows = [headers];

        public void Add(params string[] cells) => _rows.Add(cells);

        public void Print()
        {
            int[] widths = Enumerable.Range(0, headers.Length).Select(c => _rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
            foreach (string[] row in _rows)
            {
                var line = new StringBuilder();
                for (int c = 0; c < headers.Length; c++)
                {
                    string cell = c < row.Length ? row[c] : "";
                    line.Append(c < NameColumns ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])).Append("  ");
                }

                Console.WriteLine(line.ToString().TrimEnd());
            }
        }
    }
}
