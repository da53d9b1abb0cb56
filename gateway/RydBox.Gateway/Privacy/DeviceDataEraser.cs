using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Privacy;

/// <summary>What one erasure removed: counts, never the data.</summary>
/// <param name="DeviceId">The vehicle's box.</param>
/// <param name="TenantId">Its tenant; null when no device has that id (only leftovers were looked for).</param>
/// <param name="DeviceKnown">A device row with that id existed when the erasure started.</param>
/// <param name="TelemetryBatches">Telemetry batches deleted from the SQLite file.</param>
/// <param name="OtherTelemetryStore">
/// The store other than SQLite whose telemetry of the device was erased as a whole (e.g. "InfluxDB
/// database 'rydbox'"); it does not say how many samples it held. Null when telemetry is in SQLite.
/// </param>
/// <param name="LatestValues">Latest values (the on-board computer's view) deleted.</param>
/// <param name="BoxEvents">Box events deleted.</param>
/// <param name="StatusRows">Status rows (firmware, VIN, protocol, online) deleted: 0 or 1.</param>
/// <param name="DeadLetters">Refused messages of the device deleted.</param>
/// <param name="LedgerEntries">The device's entries in the dedupe ledger: kept with their times cleared, or deleted with the device.</param>
/// <param name="LedgerDeleted">True when the ledger entries were deleted (with the device), false when kept.</param>
/// <param name="VinCleared">The VIN stored on the device row was removed.</param>
/// <param name="DeviceDeleted">The device row (and with it its secret's hash) was deleted.</param>
/// <param name="MosquittoHashes">Lines of the device's mosquitto password hash removed from the data directory.</param>
/// <param name="DetectedEvents">Detected events (trips, towing, alerts) and logbook history rows deleted.</param>
public sealed record DeviceErasure(
    string DeviceId,
    string? TenantId,
    bool DeviceKnown,
    long TelemetryBatches,
    string? OtherTelemetryStore,
    long LatestValues,
    long BoxEvents,
    long StatusRows,
    long DeadLetters,
    long LedgerEntries,
    bool LedgerDeleted,
    bool VinCleared,
    bool DeviceDeleted,
    int MosquittoHashes,
    long DetectedEvents = 0)
{
    /// <summary>Neither a device nor anything stored under its id was found.</summary>
    public bool NothingFound =>
        !DeviceKnown && TelemetryBatches + LatestValues + BoxEvents + StatusRows + DeadLetters + LedgerEntries + MosquittoHashes + DetectedEvents == 0;
}

/// <summary>
/// Erases everything the gateway stores about one vehicle: its telemetry in whichever store holds
/// it (<see cref="ITelemetryStore.EraseDeviceAsync"/>, plus any batches left in the SQLite file from
/// before a switch of store), and in SQLite its latest values, box events, status, dead letters and what
/// event detection kept (events, logbook history, detector states; <see cref="DetectionErasure"/>).
/// The dedupe ledger keeps the device's (sequence, kind) keys so that a batch the box replays later
/// is recognised and not stored again, but their receive times, which would tell when the vehicle was
/// in use, are overwritten with the time of the erasure. The VIN on the device row goes too; the
/// device itself (id, tenant, name, secret) stays and may keep sending.
/// <para>
/// With <c>deleteDevice</c> the device goes as well: it is revoked first, so that nothing new is
/// accepted while its data is erased, and finally its row (with the hash of its secret), its
/// mosquitto hash and its ledger entries are deleted; the ledger has nothing left to protect then,
/// and a device given the same id later must not find its first sequence numbers taken.
/// </para>
/// <para>
/// Every step deletes what is there and can run again, and the device row is the last thing to go:
/// after a crash or a failing store, the same erasure run again finishes the job. An id without a
/// device row is erased too (leftovers of an earlier run, or of a box sending while it was deleted).
/// Logs counts, never data.
/// </para>
/// </summary>
public sealed class DeviceDataEraser
{
    private readonly GatewayDatabase _database;
    private readonly ITelemetryStore _telemetry;
    private readonly ILogger _logger;
    private readonly IdentityChanges? _changes;
    private readonly TimeProvider _time;

    /// <param name="changes">Told about a revoked or deleted device, so this process's identity caches forget it at once.</param>
    public DeviceDataEraser(GatewayDatabase database, ITelemetryStore telemetry, ILogger<DeviceDataEraser>? logger = null, IdentityChanges? changes = null, TimeProvider? timeProvider = null)
    {
        _database = database;
        _telemetry = telemetry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _changes = changes;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The device's tenant, or null when there is no such device.</summary>
    public string? TenantOf(string deviceId)
    {
        using SqliteConnection connection = _database.Open();
        return PrivacySql.Strings(connection, "SELECT tenant_id FROM devices WHERE id = $id", ("$id", deviceId)).SingleOrDefault();
    }

    /// <exception cref="IdentityException">The id is not a valid device id.</exception>
    /// <exception cref="InfluxStoreException">The telemetry store could not erase; nothing in SQLite was touched yet (revoking aside), run again.</exception>
    public async Task<DeviceErasure> EraseAsync(string deviceId, bool deleteDevice, CancellationToken cancellationToken)
    {
        IdentityRules.DeviceId(deviceId);
        string? tenantId = TenantOf(deviceId);
        bool known = tenantId is not null;

        // 1. No new data while erasing: a device being deleted is revoked first.
        if (deleteDevice && known && Revoke(deviceId))
        {
            _changes?.OnDeviceChanged(deviceId);
        }

        // 2. The telemetry store first: it is the step most likely to fail (a server), and failing
        //    here leaves SQLite untouched, so the vehicle visibly still has its data until a rerun.
        string? otherStore = null;
        if (_telemetry is not SqliteTelemetryStore)
        {
            await _telemetry.EraseDeviceAsync(deviceId, cancellationToken);
            otherStore = _telemetry is InfluxTelemetryStore influx ? $"InfluxDB {influx.Target}" : _telemetry.GetType().Name;
        }

        // 3. SQLite, table by table in chunks. Telemetry batches are deleted whatever the store:
        //    a gateway that moved to InfluxDB keeps what SQLite held before.
        long batches, latest, events, status, deadLetters, ledger, detected;
        bool vinCleared;
        using (SqliteConnection connection = _database.Open())
        {
            batches = PrivacySql.DeleteBySequence(connection, "telemetry_batches", deviceId, "1");
            latest = SqliteLatestValues.Delete(connection, deviceId);
            events = PrivacySql.DeleteBySequence(connection, "box_events", deviceId, "1");
            status = PrivacySql.Execute(connection, "DELETE FROM device_status WHERE device_id = $device", deviceId);
            detected = DetectionErasure.Erase(connection, deviceId, deleteDevice);

            // A message refused before its sender was known (an invalid topic on an external broker)
            // has no device id but may name the device in its topic.
            deadLetters = PrivacySql.Repeat(
                connection,
                $"""
                DELETE FROM dead_letters WHERE id IN (SELECT id FROM dead_letters
                    WHERE device_id = $device OR (device_id IS NULL AND instr('/' || topic || '/', '/' || $device || '/') > 0)
                    LIMIT {PrivacySql.ChunkRows})
                """,
                deviceId);

            if (deleteDevice)
            {
                ledger = PrivacySql.DeleteBySequence(connection, "received_messages", deviceId, "1");
            }
            else
            {
                long erasedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
                ledger = PrivacySql.Count(connection, "SELECT count(*) FROM received_messages WHERE device_id = $device", ("$device", deviceId));
                PrivacySql.Repeat(
                    connection,
                    $"""
                    UPDATE received_messages SET received_ms = $erased WHERE device_id = $device AND sequence IN
                        (SELECT sequence FROM received_messages WHERE device_id = $device AND received_ms <> $erased LIMIT {PrivacySql.ChunkRows})
                    """,
                    deviceId,
                    ("$erased", erasedAt));
            }

            vinCleared = PrivacySql.Execute(connection, "UPDATE devices SET vin = NULL WHERE id = $device AND vin IS NOT NULL", deviceId) > 0;
        }

        // 4. The device last: its mosquitto hash, then its row (which holds the hash of its secret).
        int hashes = 0;
        bool deleted = false;
        if (deleteDevice)
        {
            hashes = MosquittoHashRemoval.Remove(new MosquittoHashStore(IdentityStore.DirectoryOf(_database)), deviceId);
            using SqliteConnection connection = _database.Open();
            deleted = PrivacySql.Execute(connection, "DELETE FROM devices WHERE id = $device", deviceId) > 0;
            _changes?.OnDeviceChanged(deviceId);
        }

        var erasure = new DeviceErasure(
            deviceId, tenantId, known, batches, otherStore, latest, events, status, deadLetters, ledger, deleteDevice, vinCleared, deleted, hashes, detected);
        _logger.LogInformation(
            "Erased the data of device {DeviceId} (tenant {TenantId}): {Batches} telemetry batches in SQLite{OtherStore}, {Latest} latest values, {Events} events, " +
            "{Status} status, {DeadLetters} dead letters, {Detected} detected events and logbook rows; {Ledger} ledger entries {LedgerAction}{DeviceAction}",
            deviceId,
            tenantId ?? "none",
            batches,
            otherStore is null ? "" : $" and all of it in {otherStore}",
            latest,
            events,
            status,
            deadLetters,
            detected,
            ledger,
            deleteDevice ? "deleted" : "kept without their times",
            deleted ? "; the device and its credentials are deleted" : "");
        return erasure;
    }

    private bool Revoke(string deviceId)
    {
        using SqliteConnection connection = _database.Open();
        return PrivacySql.Execute(connection, "UPDATE devices SET revoked = 1 WHERE id = $device AND revoked = 0", deviceId) > 0;
    }
}
