using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Privacy;

/// <summary>What one retention pass deleted for one tenant (counts, never data).</summary>
/// <param name="Cutoff">Data older than this (now − retention) was deleted.</param>
/// <param name="Devices">The tenant's devices whose data was looked at.</param>
/// <param name="TelemetryBatches">Telemetry batches deleted from the SQLite file (those that ended before the cutoff).</param>
/// <param name="OtherTelemetryStore">The store other than SQLite whose older samples were deleted (it does not count them); null when telemetry is in SQLite.</param>
/// <param name="Error">Why the pass did not finish for this tenant (e.g. InfluxDB unreachable); the next pass tries again.</param>
/// <param name="DetectedEvents">Detected events (not trips: the logbook) that ended before the cutoff.</param>
public sealed record TenantRetention(
    string TenantId,
    int RetentionDays,
    DateTimeOffset Cutoff,
    int Devices,
    long TelemetryBatches,
    string? OtherTelemetryStore,
    long LatestValues,
    long BoxEvents,
    long DeadLetters,
    long LedgerEntries,
    string? Error,
    long DetectedEvents = 0)
{
    public long Deleted => TelemetryBatches + LatestValues + BoxEvents + DeadLetters + LedgerEntries + DetectedEvents;
}

/// <summary>One retention pass over every tenant.</summary>
/// <param name="KeptForever">Tenants without a retention period, left alone.</param>
public sealed record RetentionReport(DateTimeOffset At, IReadOnlyList<TenantRetention> Tenants, IReadOnlyList<string> KeptForever)
{
    public bool Failed => Tenants.Any(t => t.Error is not null);
}

/// <summary>
/// One retention pass: for each tenant with a retention period (tenants.retention_days), deletes
/// what its devices stored before now − that period, in every store: telemetry
/// (<see cref="ITelemetryStore.DeleteOlderThanAsync"/>, plus batches left in the SQLite file from
/// before a switch of store), box events by their time, latest values not updated since, dead letters
/// by the time they arrived, and dedupe ledger entries by the time they arrived (a batch received
/// that long ago and replayed now would only be stored to be deleted by the next pass), detected
/// events that ended before it (not trips: the logbook and its history are kept until the device is
/// erased, as a tax logbook must be), the detectors' checkpoints and webhook deliveries. Device rows,
/// their status (firmware, protocol) and tenants without a period are left alone. Deletes in
/// chunks, so ingest is never stalled for long; everything can run again, and a tenant that fails
/// (InfluxDB unreachable) does not keep the others from their pass.
/// </summary>
public sealed class RetentionSweeper
{
    private readonly GatewayDatabase _database;
    private readonly ITelemetryStore _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public RetentionSweeper(GatewayDatabase database, ITelemetryStore telemetry, ILogger<RetentionSweeper>? logger = null, TimeProvider? timeProvider = null)
    {
        _database = database;
        _telemetry = telemetry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        List<(string Id, int? Days)> tenants = ReadTenants();
        var results = new List<TenantRetention>();
        foreach ((string tenantId, int? days) in tenants)
        {
            if (days is { } retentionDays)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(await SweepAsync(tenantId, retentionDays, now, cancellationToken));
            }
        }

        return new RetentionReport(now, results, tenants.Where(t => t.Days is null).Select(t => t.Id).ToList());
    }

    private async Task<TenantRetention> SweepAsync(string tenantId, int retentionDays, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = DateTimeOffset.FromUnixTimeMilliseconds((now - TimeSpan.FromDays(retentionDays)).ToUnixTimeMilliseconds());
        long cutoffMs = cutoff.ToUnixTimeMilliseconds();
        long batches = 0, latest = 0, events = 0, deadLetters = 0, ledger = 0;
        string? otherStore = null;
        string? error = null;
        long detected = 0;
        List<string> devices;
        using (SqliteConnection connection = _database.Open())
        {
            devices = PrivacySql.Strings(connection, "SELECT id FROM devices WHERE tenant_id = $tenant ORDER BY id", ("$tenant", tenantId));
            (string, object) before = ("$cutoff", cutoffMs);
            foreach (string deviceId in devices)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // The SQLite store's own rule: a batch goes once its last sample is older than the cutoff.
                batches += PrivacySql.DeleteBySequence(connection, "telemetry_batches", deviceId, "last_ms < $cutoff", before);
                events += PrivacySql.DeleteBySequence(connection, "box_events", deviceId, "time_ms < $cutoff", before);
                latest += SqliteLatestValues.Delete(connection, deviceId, cutoffMs);
                ledger += PrivacySql.DeleteBySequence(connection, "received_messages", deviceId, "received_ms < $cutoff", before);
                detected += DetectionErasure.Expire(connection, deviceId, cutoffMs);
            }

            deadLetters = PrivacySql.Repeat(
                connection,
                $"""
                DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters
                    WHERE received_ms < $cutoff
                      AND (tenant_id = $tenant OR device_id IN (SELECT id FROM devices WHERE tenant_id = $tenant))
                    LIMIT {PrivacySql.ChunkRows})
                """,
                deviceId: "",
                before,
                ("$tenant", tenantId));
        }

        if (_telemetry is not SqliteTelemetryStore)
        {
            otherStore = _telemetry is InfluxTelemetryStore influx ? $"InfluxDB {influx.Target}" : _telemetry.GetType().Name;
            try
            {
                foreach (string deviceId in devices)
                {
                    await _telemetry.DeleteOlderThanAsync(deviceId, cutoff, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One failing server fails every device alike: the next pass tries the tenant again.
                error = $"{otherStore}: {e.Message}";
                _logger.LogError("Retention of tenant {TenantId}: old telemetry could not be deleted from {Store}: {Message}", tenantId, otherStore, e.Message);
            }
        }

        var result = new TenantRetention(tenantId, retentionDays, cutoff, devices.Count, batches, otherStore, latest, events, deadLetters, ledger, error, detected);
        _logger.Log(
            result.Deleted > 0 ? LogLevel.Information : LogLevel.Debug,
            "Retention of tenant {TenantId} ({Days} days, before {Cutoff:O}): {Devices} devices, deleted {Batches} telemetry batches in SQLite{OtherStore}, " +
            "{Events} events, {Latest} latest values, {DeadLetters} dead letters, {Ledger} ledger entries, {Detected} detected events",
            tenantId,
            retentionDays,
            cutoff,
            devices.Count,
            batches,
            otherStore is null ? "" : error is null ? $" and the older samples in {otherStore}" : $" (but not the samples in {otherStore})",
            events,
            latest,
            deadLetters,
            ledger,
            detected);
        return result;
    }

    private List<(string Id, int? Days)> ReadTenants()
    {
        using SqliteConnection connection = _database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT id, retention_days FROM tenants ORDER BY id";
        var tenants = new List<(string, int?)>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            tenants.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)));
        }

        return tenants;
    }
}
