using System.Diagnostics;
using System.Runtime.InteropServices;
using RydBox.Gateway.Identity;
using RydBox.Testing.Influx;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// Runs the benchmark: for the baseline and each store, a server process and a box-generator
/// process, both this executable. The orchestrator itself stays idle; it reads both processes' CPU
/// (and influxd's) at every window boundary the generator announces, and asks the server for its
/// memory before, half-way through and after connecting the boxes.
/// <para>
/// Why separate processes: the server's CPU and memory are then the server's alone, without the
/// generator's (which is printed beside them), every target starts from a fresh process, and each
/// process holds one socket per box — in one process a box costs two descriptors (client and
/// server end), so 10 000 boxes would not fit under an open-file limit of 20 000.
/// </para>
/// </summary>
internal static class LoadOrchestrator
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        long? openFiles = ProcessStats.OpenFileLimit();
        int needed = options.Boxes + 512;
        if (openFiles is long limit && limit < needed)
        {
            Console.Error.WriteLine(
                $"The open-file limit (ulimit -n) is {limit}; {options.Boxes} boxes need about {needed} in each process. " +
                "A process cannot raise its own hard limit: start the benchmark from a shell with a higher one (ulimit -n 65536), or use fewer boxes.");
            return 1;
        }

        var targets = new List<string> { LoadServer.Baseline };
        string? skipped = null;
        if (options.Store is StoreChoice.Sqlite or StoreChoice.Both)
        {
            targets.Add(LoadServer.Sqlite);
        }

        if (options.Store is StoreChoice.Influx or StoreChoice.Both)
        {
            if (InfluxServer.IsInstalled)
            {
                targets.Add(LoadServer.Influx);
            }
            else
            {
                skipped = "InfluxDB: skipped, influxd is not installed (apt-get install influxdb)";
            }
        }

        (double payloadBytes, double valuesPerSample) = BoxFleet.PayloadShape(options.SamplesPerBatch);
        var setup = new LoadSetup(options, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, openFiles, payloadBytes, valuesPerSample);
        LoadReport.PrintSetup(setup);
        if (skipped is not null)
        {
            Console.WriteLine(skipped);
        }

        IReadOnlyList<BreakdownStep>? breakdown = null;
        if (targets.Contains(LoadServer.Sqlite))
        {
            breakdown = CommitBreakdown.Measure(options.SamplesPerBatch);
        }

        string secret = SecretHasher.NewSecret();
        var results = new List<TargetResult>();
        foreach (string target in targets)
        {
            try
            {
                results.Add(await RunTargetAsync(options, target, secret));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"{target}: {e.Message}");
                return 1;
            }
        }

        LoadReport.Print(setup, results, breakdown, skipped);
        return 0;
    }

    private static async Task<TargetResult> RunTargetAsync(LoadOptions options, string target, string secret)
    {
        Console.WriteLine();
        Console.WriteLine($"--- {target}: starting the server process");
        var serverEnvironment = new Dictionary<string, string>
        {
            [LoadServer.SecretVariable] = secret,
            ["DOTNET_gcServer"] = options.ServerGc ? "1" : "0",
        };
        await using ChildProcess server = ChildProcess.Start(target, [.. options.ChildArguments("server"), "--target", target], serverEnvironment);
        ServerReady ready = await server.ExpectAsync<ServerReady>("ready", StartTimeout);
        Console.WriteLine(
            $"    listening on {ready.Host}:{ready.Port}" +
            (ready.Devices > 0 ? $", {ready.Devices} devices seeded in {ready.SeedingSeconds:0.0} s" : "") +
            (ready.InfluxVersion is null ? "" : $", influxd {ready.InfluxVersion} (pid {ready.InfluxPid})") +
            $", {(ready.ServerGc ? "server" : "workstation")} GC");

        await Task.Delay(1000);
        MemorySnapshot idle = await server.AskAsync<MemorySnapshot>("memory", "memory", AnswerTimeout);

        var generatorEnvironment = new Dictionary<string, string> { [LoadServer.SecretVariable] = secret };
        await using ChildProcess generator = ChildProcess.Start(
            "boxes", [.. options.ChildArguments("generator"), "--host", ready.Host, "--port", ready.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], generatorEnvironment);
        int half = Math.Max(1, options.Boxes / 2);
        ConnectReport atHalf = await generator.AskAsync<ConnectReport>($"connect {half}", "connected", ConnectTimeout);
        MemorySnapshot halfMemory = await server.AskAsync<MemorySnapshot>("memory", "memory", AnswerTimeout);
        ConnectReport connected = await generator.AskAsync<ConnectReport>($"connect {options.Boxes}", "connected", ConnectTimeout);
        MemorySnapshot fullMemory = await server.AskAsync<MemorySnapshot>("memory", "memory", AnswerTimeout);
        Console.WriteLine(
            $"    {connected.Connected} boxes connected in {atHalf.Seconds + connected.Seconds:0.0} s ({connected.Connected / (atHalf.Seconds + connected.Seconds):0} per s)" +
            $", refused {connected.Refused}, failed {connected.Failed}, retries {connected.Retries}" +
            (connected.FirstError is null ? "" : $"; first error: {connected.FirstError}"));

        using Process? influxd = ready.InfluxPid is int pid ? Process.GetProcessById(pid) : null;
        var phases = new List<PhaseOutcome>();
        foreach (string phase in options.Phases)
        {
            generator.Send(phase);
            var marks = new List<UsageMark>();
            PhaseReport? report = null;
            PipelineCounts? pipelineStart = null, pipelineEnd = null;
            TimeSpan phaseTimeout = TimeSpan.FromSeconds(options.WarmupSeconds + options.Seconds) + AnswerTimeout;
            while (report is null)
            {
                (string kind, string json) = await generator.ReceiveAsync(phaseTimeout);
                switch (kind)
                {
                    case "tick":
                        int index = System.Text.Json.JsonSerializer.Deserialize<TickReport>(json)!.Index;
                        marks.Add(new UsageMark(
                            Stopwatch.GetTimestamp(),
                            ProcessStats.Cpu(server.Process) ?? TimeSpan.Zero,
                            ProcessStats.Cpu(generator.Process) ?? TimeSpan.Zero,
                            ProcessStats.Cpu(influxd),
                            ProcessStats.WorkingSet(server.Process) ?? 0));
                        if (index == 0)
                        {
                            pipelineStart = await server.AskAsync<PipelineCounts>("pipeline", "pipeline", AnswerTimeout);
                        }
                        else if (index == options.Windows)
                        {
                            pipelineEnd = await server.AskAsync<PipelineCounts>("pipeline", "pipeline", AnswerTimeout);
                        }

                        break;
                    case "phase":
                        report = System.Text.Json.JsonSerializer.Deserialize<PhaseReport>(json)!;
                        break;
                    default:
                        throw new InvalidOperationException($"the generator sent {kind} during a phase");
                }
            }

            PhaseOutcome outcome = PhaseOutcome.From(report, marks, options.SamplesPerBatch, pipelineStart, pipelineEnd);
            phases.Add(outcome);
            Console.WriteLine($"    {LoadReport.PhaseLine(outcome)}");
        }

        ServerCounts counts;
        DoneReport done;
        if (options.Generator == GeneratorChoice.Simulator)
        {
            // Simulated boxes go on sending after the last phase: they stop (and deliver what they hold) first.
            done = await generator.AskAsync<DoneReport>("quit", "done", ConnectTimeout);
            counts = await server.AskAsync<ServerCounts>("counts", "counts", AnswerTimeout);
        }
        else
        {
            counts = await server.AskAsync<ServerCounts>("counts", "counts", AnswerTimeout);
            done = await generator.AskAsync<DoneReport>("quit", "done", ConnectTimeout);
        }

        await generator.WaitForExitAsync(AnswerTimeout);
        server.Send("quit");
        await server.WaitForExitAsync(AnswerTimeout);

        return new TargetResult(target, ready, idle, halfMemory, fullMemory, atHalf, connected, phases, counts, done);
    }
}
