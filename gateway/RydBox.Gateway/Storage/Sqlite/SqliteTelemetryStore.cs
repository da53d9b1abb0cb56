using Microsoft.Data.Sqlite;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// Telemetry in SQLite as the boxes sent it: one row per batch holding the CBOR payload, indexed
/// by device and first sample time. Storing the wire bytes keeps about 23 bytes a sample and
/// makes a write one insert per ten samples; reads decode with the contract library.
/// </summary>
public sealed class SqliteTelemetryStore(GatewayDatabase database) : ITelemetryStore
{
    /// <summary>Batches span at most this long (64 rows at the box's slowest sampling), so a range read looks this far back.</summary>
    private static readonly long LongestBatchMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    public Task WriteAsync(IReadOnlyList<IngestedBatch> batches, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        Write(connection, transaction, batches);
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Inserts inside the caller's transaction, so the ingest pipeline commits telemetry with its ledger.</summary>
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<IngestedBatch> batches)
    {
        using var writer = new BatchWriter(connection);
        writer.Write(batches);
    }

    /// <summary>
    /// The telemetry insert prepared once on a connection that stays open (the ingest writer's), for
    /// batch after batch; runs in the connection's open transaction.
    /// </summary>
    public sealed class BatchWriter(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteStatement _insert = new(connection, """
            INSERT OR IGNORE INTO telemetry_batches (device_id, sequence, first_ms, last_ms, sample_count, payload)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """);

        public void Write(IReadOnlyList<IngestedBatch> batches)
        {
            foreach (IngestedBatch batch in batches)
            {
                TelemetryMessage message = batch.Message;
                _insert.Bind(1, batch.DeviceId);
                _insert.Bind(2, message.Sequence);
                _insert.Bind(3, message.TimeOf(0));
                _insert.Bind(4, message.TimeOf(message.SampleCount - 1));
                _insert.Bind(5, message.SampleCount);
                _insert.Bind(6, batch.Payload.Span);
                _insert.Execute();
            }
        }

        public void Dispose() => _insert.Dispose();
    }

    public Task<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        long fromMs = from.ToUnixTimeMilliseconds();
        long toMs = to.ToUnixTimeMilliseconds();
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = """
            SELECT payload FROM telemetry_batches
            WHERE device_id = $device AND first_ms < $to AND first_ms >= $earliest AND last_ms >= $from
            ORDER BY first_ms, sequence
            """;
        select.Parameters.AddWithValue("$device", deviceId);
        select.Parameters.AddWithValue("$to", toMs);
        select.Parameters.AddWithValue("$from", fromMs);
        select.Parameters.AddWithValue("$earliest", fromMs - LongestBatchMs);
        var samples = new List<TelemetrySample>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (TelemetrySample sample in TelemetryDecoder.Decode((byte[])reader[0]).Samples)
            {
                if (sample.UnixMilliseconds >= fromMs && sample.UnixMilliseconds < toMs)
                {
                    samples.Add(sample);
                }
            }
        }

        // Batches from an outbox replay may overlap others in time: order by sample time.
        samples.Sort((a, b) => a.UnixMilliseconds.CompareTo(b.UnixMilliseconds));
        return Task.FromResult<IReadOnlyList<TelemetrySample>>(samples);
    }

    public Task EraseDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        Execute("DELETE FROM telemetry_batches WHERE device_id = $device", deviceId, 0);

    public Task DeleteOlderThanAsync(string deviceId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        Execute("DELETE FROM telemetry_batches WHERE device_id = $device AND last_ms < $cutoff", deviceId, cutoff.ToUnixTimeMilliseconds());

    private Task Execute(string sql, string deviceId, long cutoffMs)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$cutoff", cutoffMs);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}
