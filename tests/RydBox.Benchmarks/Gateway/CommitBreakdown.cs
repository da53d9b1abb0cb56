using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RydBox.Benchmarks.Wire;
using RydBox.Contract;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// Where one full SQLite batch's time goes: the steps of the gateway's IngestCommitter for telemetry
/// (decode, ledger check, ledger insert, telemetry insert, latest values, commit), timed one by one
/// with the gateway's own storage code on a fresh database file, one thread, no network. A batch is
/// 512 messages (Ingest:MaxBatchMessages) from 512 different boxes, as the max phase fills them.
/// </summary>
internal static class CommitBreakdown
{
    public const int Messages = 512;
    private const int WarmupRounds = 5;
    private const int Rounds = 25;

    public static IReadOnlyList<(string Step, double Milliseconds)> Measure(int samplesPerBatch)
    {
        string directory = Directory.CreateTempSubdirectory("rydbox-gateway-breakdown-").FullName;
        try
        {
            var database = new GatewayDatabase(Path.Combine(directory, "rydbox.db"));
            List<DriveSample> drive = DriveStream.Generate(seed: 7, seconds: 600);
            LoadBox[] boxes = Enumerable.Range(0, Messages).Select(i => new LoadBox(i, drive, samplesPerBatch)).ToArray();
            string[] steps = ["decode", "ledger check", "ledger insert", "telemetry insert", "latest values", "commit"];
            var times = steps.Select(_ => new List<double>()).ToArray();

            for (int round = 0; round < WarmupRounds + Rounds; round++)
            {
                long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                byte[][] payloads = boxes.Select(b => b.Encode(now).ToArray()).ToArray();
                var clock = new StepClock();

                var batches = new List<IngestedBatch>(Messages);
                for (int i = 0; i < Messages; i++)
                {
                    TelemetryMessage message = TelemetryDecoder.Decode(payloads[i]);
                    batches.Add(new IngestedBatch(boxes[i].DeviceId, "load-bench", message, payloads[i], DateTimeOffset.UtcNow));
                }

                double decode = clock.Lap();
                using SqliteConnection connection = database.Open();
                SqliteMessageLedger.Existing(connection, null, batches.Select(b => (b.DeviceId, b.Message.Sequence)));
                double check = clock.Lap();
                using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
                SqliteMessageLedger.Record(connection, transaction, batches
                    .Select(b => new LedgerEntry(b.DeviceId, b.Message.Sequence, LedgerEntry.Telemetry, b.ReceivedAt.ToUnixTimeMilliseconds()))
                    .ToList());
                double ledger = clock.Lap();
                SqliteTelemetryStore.Write(connection, transaction, batches);
                double telemetry = clock.Lap();
                SqliteLatestValues.Update(connection, transaction, batches);
                double latest = clock.Lap();
                transaction.Commit();
                double commit = clock.Lap();

                if (round >= WarmupRounds)
                {
                    double[] laps = [decode, check, ledger, telemetry, latest, commit];
                    for (int s = 0; s < steps.Length; s++)
                    {
                        times[s].Add(laps[s]);
                    }
                }
            }

            SqliteConnection.ClearAllPools();
            return steps.Select((step, s) => (step, Median(times[s]))).ToList();
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
