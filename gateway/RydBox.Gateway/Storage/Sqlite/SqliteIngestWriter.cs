using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// The ingest pipeline's connection to the database, kept open from batch to batch with its hot
/// statements prepared once: the ledger insert, the telemetry insert and the latest-values upserts.
/// One user at a time (the pipeline's single writer loop). After a failed commit, dispose it and
/// open a new one: nothing half-done survives in a connection that is thrown away.
/// </summary>
public sealed class SqliteIngestWriter : IDisposable
{
    private readonly SqliteMessageLedger.Recorder _ledger;
    private readonly SqliteTelemetryStore.BatchWriter _telemetry;
    private readonly SqliteLatestValues.Updater _latestValues;

    public SqliteIngestWriter(GatewayDatabase database)
    {
        Connection = database.Open();
        try
        {
            _ledger = new SqliteMessageLedger.Recorder(Connection);
            _telemetry = new SqliteTelemetryStore.BatchWriter(Connection);
            _latestValues = new SqliteLatestValues.Updater(Connection);
        }
        catch
        {
            _ledger?.Dispose();
            _telemetry?.Dispose();
            Connection.Dispose();
            throw;
        }
    }

    /// <summary>The open connection, for the rarer writes (events, statuses, dead letters) in the same transaction.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Starts the batch's write transaction (BEGIN IMMEDIATE: it takes the write lock at once).</summary>
    public SqliteTransaction Begin() => Connection.BeginTransaction(deferred: false);

    /// <inheritdoc cref="SqliteMessageLedger.Recorder.Record"/>
    public bool[] RecordLedger(IReadOnlyList<LedgerEntry> entries) => _ledger.Record(entries);

    /// <summary>Inserts the batches into telemetry_batches (when SQLite holds telemetry).</summary>
    public void WriteTelemetry(IReadOnlyList<IngestedBatch> batches) => _telemetry.Write(batches);

    /// <summary>One upsert per (device, signal) of these batches, with its newest value.</summary>
    public void UpdateLatestValues(IReadOnlyList<IngestedBatch> batches) => _latestValues.Update(batches);

    public void Dispose()
    {
        // Statements first: a connection closed with statements still prepared would linger.
        _latestValues.Dispose();
        _telemetry.Dispose();
        _ledger.Dispose();
        Connection.Dispose();
    }
}
