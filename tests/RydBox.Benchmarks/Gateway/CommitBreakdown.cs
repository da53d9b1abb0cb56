using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RydBox.Benchmarks.Wire;
using RydBox.Contract;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Benchmarks.Gateway;

/// <summary>One step of a full SQLite batch: its median time, and whether the writer loop does it (decoding is done by the submitting connections).</summary>
internal sealed record BreakdownStep(string Step, double Milliseconds, bool InWriter);

/// <summary>
/// Where one full SQLite batch's time goes: decoding and each batch's newest values (which the
/// ingest pipeline works out on the submitting connections' threads, beside the writer) and the steps of the gateway's
/// IngestCommitter for telemetry in its writer loop (ledger insert, telemetry insert, latest values,
/// commit), timed one by one with the gateway's own storage code (<see cref="SqliteIngestWriter"/>,
/// one connection kept open with its statements prepared, as the writer loop keeps it) on a fresh
/// database file, one thread, no network. A batch is 512 messages (Ingest:MaxBatchMessages) from
/// 512 different boxes, as the max phase fills them.
/// </summary>
internal static class CommitBreakdown
{
    public const int Messages = 512;
    // Enough for the tiered JIT to have compiled the hot code (the gateway's and System.Text.Json's) fully optimized.
    private const int WarmupRounds = 50;
    private const int Rounds = 25;

    public static IReadOnlyList<BreakdownStep> Measure(int samplesPerBatch)
    {
        string directory = Directory.CreateTempSubdirectory("rydbox-gateway-breakdown-").FullName;
        try
        {
            var database = new GatewayDatabase(Path.Combine(directory, "rydbox.db"));
            List<DriveSample> drive = DriveStream.Generate(seed: 7, seconds: 600);
            LoadBox[] boxes = Enumerable.Range(0, Messages).Select(i => new LoadBox(i, drive, samplesPerBatch)).ToArray();
            (string Step, bool InWriter)[] steps = [("decode, newest values", false), ("ledger insert", true), ("telemetry insert", true), ("latest values", true), ("commit", true)];
            var times = steps.Select(_ => new List<double>()).ToArray();

            using (var writer = new SqliteIngestWriter(database))
            {
                for (int round = 0; round < WarmupRounds + Rounds; round++)
                {
                    long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    byte[][] payloads = boxes.Select(b => b.Encode(now).ToArray()).ToArray();
                    var clock = new StepClock();

                    var batches = new List<IngestedBatch>(Messages);
                    var newest = new List<(string, IReadOnlyList<LatestValue>)>(Messages);
                    for (int i = 0; i < Messages; i++)
                    {
                        TelemetryMessage message = TelemetryDecoder.Decode(payloads[i]);
                        batches.Add(new IngestedBatch(boxes[i].DeviceId, "load-bench", message, payloads[i], DateTimeOffset.UtcNow));
                        newest.Add((boxes[i].DeviceId, SqliteLatestValues.NewestOf(message)));
                    }

                    double decode = clock.Lap();
                    using SqliteTransaction transaction = writer.Begin();
                    writer.RecordLedger(batches
                        .Select(b => new LedgerEntry(b.DeviceId, b.Message.Sequence, LedgerEntry.Telemetry, b.ReceivedAt.ToUnixTimeMilliseconds()))
                        .ToList());
                    double ledger = clock.Lap();
                    writer.WriteTelemetry(batches);
                    double telemetry = clock.Lap();
                    writer.UpdateLatestValues(newest);
                    double latest = clock.Lap();
                    writer.Commit(transaction);
                    double commit = clock.Lap();

                    if (round >= WarmupRounds)
                    {
                        double[] laps = [decode, ledger, telemetry, latest, commit];
                        for (int s = 0; s < steps.Length; s++)
                        {
                            times[s].Add(laps[s]);
                        }
                    }
                }
            }

            SqliteConnection.ClearAllPools();
            return steps.Select((step, s) => new BreakdownStep(step.Step, Median(times[s]), step.InWriter)).ToList();
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary folder is harmless
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private sealed class StepClock
    {
        private long _last = Stopwatch.GetTimestamp();

        public double Lap()
        {
            long now = Stopwatch.GetTimestamp();
            double ms = (now - _last) * 1000.0 / Stopwatch.Frequency;
            _last = now;
            return ms;
        }
    }
}
