using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// The ingest pipeline's connection to the database, kept open from batch to batch with its hot
/// statements prepared once: the ledger insert, the telemetry insert and the latest-values upserts.
/// Its commits leave checkpointing to a background thread (<see cref="SqliteWalCheckpointer"/>),
/// checkpointing themselves only once the write-ahead log holds <see cref="AutoCheckpointPages"/>.
/// One user at a time (the pipeline's single writer loop). After a failed commit, dispose it and
/// open a new one: nothing half-done survives in a connection that is thrown away.
/// </summary>
public sealed class SqliteIngestWriter : IDisposable
{
    /// <summary>
    /// The writer's wal_autocheckpoint (SQLite's default is 1,000): the backstop behind the background
    /// checkpoints, about 256 MB of log. Well above what accumulates between two of them under full
    /// load (some 20,000 pages), since the log starts over only once a checkpoint has caught up with
    /// every commit; a lower backstop had the writer checkpoint itself now and then.
    /// </summary>
    public const int AutoCheckpointPages = 64_000;

    /// <summary>
    /// The writer's page cache (SQLite's default is 2 MiB): a batch from 512 boxes dirties some 1,500
    /// pages (6 MiB) of ledger, telemetry and latest values, which a smaller cache spills into the log
    /// before the commit and reads back. Taken only as pages are used.
    /// </summary>
    public const int CacheKibibytes = 64 * 1024;

    private readonly SqliteMessageLedger.Recorder _ledger;
    private readonly SqliteTelemetryStore.BatchWriter _telemetry;
    private readonly SqliteLatestValues.Updater _latestValues;
    private readonly SqliteWalCheckpointer _checkpointer;

    /// <param name="logger">Where a failing background checkpoint is reported.</param>
    public SqliteIngestWriter(GatewayDatabase database, ILogger? logger = null)
    {
        Connection = database.Open();
        try
        {
            using (SqliteCommand pragma = Connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA wal_autocheckpoint = {AutoCheckpointPages}; PRAGMA cache_size = -{CacheKibibytes}";
                pragma.ExecuteNonQuery();
            }

            _ledger = new SqliteMessageLedger.Recorder(Connection);
            _telemetry = new SqliteTelemetryStore.BatchWriter(Connection);
            _latestValues = new SqliteLatestValues.Updater(Connection);
            _checkpointer = new SqliteWalCheckpointer(database, logger);
        }
        catch
        {
            _latestValues?.Dispose();
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
    /// <param name="batches">Each batch's device and newest values (<see cref="SqliteLatestValues.NewestOf"/>), in arrival order.</param>
    public void UpdateLatestValues(IReadOnlyList<(string DeviceId, IReadOnlyList<LatestValue> Newest)> batches) => _latestValues.Update(batches);

    /// <summary>Commits the transaction from <see cref="Begin"/> and asks for a background checkpoint.</summary>
    public void Commit(SqliteTransaction transaction)
    {
        transaction.Commit();
        _checkpointer.Request();
    }

    public void Dispose()
    {
        _checkpointer.Dispose();

        // Statements first: a connection closed with statements still prepared would linger.
        _latestValues.Dispose();
        _telemetry.Dispose();
        _ledger.Dispose();
        Connection.Dispose();
    }
}
