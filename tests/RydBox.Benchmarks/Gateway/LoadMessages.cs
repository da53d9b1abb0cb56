using System.Text.Json;

namespace RydBox.Benchmarks.Gateway;

/// <summary>The server process is up: where boxes connect, and what it took to get there.</summary>
internal sealed record ServerReady(
    string Target, string Host, int Port, int Devices, double SeedingSeconds, bool ServerGc, string? InfluxVersion, int? InfluxPid);

/// <summary>The server process's memory after a full, compacting collection.</summary>
internal sealed record MemorySnapshot(long ManagedBytes, long WorkingSetBytes, int ConnectedClients);

/// <summary>What the server counted: messages handed to it, stored, refused.</summary>
internal sealed record ServerCounts(
    long Received, long Committed, long Duplicates, long DeadLetters, long CommitFailures, long RefusedConnections, int Connected, long? TelemetryRows);

/// <summary>
/// The ingest pipeline's own measurements so far (the gateway's meter, rydbox.ingest.batch.size and
/// rydbox.ingest.commit.duration): batches committed, messages in them, and the time its single
/// writer loop spent validating and committing them.
/// </summary>
internal sealed record PipelineCounts(long Batches, long Messages, double CommitSeconds);

/// <summary>The generator's connection ramp: boxes connected so far and what went wrong.</summary>
internal sealed record ConnectReport(int Connected, int Refused, int Failed, int Retries, double Seconds, string? FirstError);

/// <summary>A window boundary of a phase: index 0 ends the warm-up, index k ends window k.</summary>
internal sealed record TickReport(string Phase, int Index);

/// <summary>One measured window: PUBACKs that arrived in it and their latencies.</summary>
internal sealed record WindowReport(long Messages, long Failures, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <param name="SamplesPerMessage">Samples a telemetry message carried on average, where the generator's batches vary (simulated boxes); null: --samples-per-batch.</param>
internal sealed record PhaseReport(
    string Phase, double WindowSeconds, WindowReport[] Windows, long Acknowledged, long Failed, int LostConnections, string? FirstError, double? SamplesPerMessage = null);

internal sealed record DoneReport(long Acknowledged, long Failed);

/// <summary>
/// The benchmark's processes talk in lines: a child writes "@kind {json}" on stdout (anything else
/// it prints is passed through as log output), the orchestrator writes one-word commands on its stdin.
/// </summary>
internal static class LoadProtocol
{
    private static readonly Lock Gate = new();

    public static void Emit<T>(string kind, T message)
    {
        string line = "@" + kind + " " + JsonSerializer.Serialize(message);
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    public static bool TryParse(string line, out string kind, out string json)
    {
        kind = json = "";
        if (!line.StartsWith('@'))
        {
            return false;
        }

        int space = line.IndexOf(' ');
        kind = space < 0 ? line[1..] : line[1..space];
        json = space < 0 ? "{}" : line[(space + 1)..];
        return true;
    }
}
