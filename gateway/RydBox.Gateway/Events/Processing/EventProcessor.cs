using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Runs every device's detectors over what ingest stored: takes the observations <see cref="EventFeed"/>
/// queues, passes them through the device's <see cref="DeviceTimeline"/>, and in one transaction per
/// round writes the events found, the timelines' states and checkpoints; then hands the changes to
/// the alert sink (MQTT alert topics, webhooks). Every <see cref="EventsOptions.TickInterval"/> it
/// tells every device's detectors the time. States survive a restart: detection goes on where it stopped.
/// </summary>
public sealed class EventProcessor(
    EventFeed feed,
    GatewayDatabase database,
    ITelemetryStore telemetry,
    IOptions<EventsOptions> options,
    IVehicleRulesSource rules,
    IEnumerable<IAlertSink> sinks,
    TimeProvider time,
    ILogger<EventProcessor> logger) : BackgroundService
{
    /// <summary>Device groups taken from the queue for one transaction.</summary>
    private const int MaxRound = 2_000;

    private readonly EventsOptions _options = options.Value;
    private readonly Dictionary<string, DeviceDetection> _devices = new(StringComparer.Ordinal);
    private readonly IAlertSink[] _sinks = [.. sinks];
    private DateTimeOffset _nextTick;

    /// <summary>The erasure count when this processor last looked for erased states.</summary>
    private long _erasuresSeen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LoadStates();
        _nextTick = time.GetUtcNow() + _options.TickInterval;
        while (true)
        {
            TimeSpan untilTick = _nextTick - time.GetUtcNow();
            if (untilTick > TimeSpan.Zero)
            {
                try
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    tick.CancelAfter(untilTick);
                    if (!await feed.Reader.WaitToReadAsync(tick.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time for a tick.
                }
                catch (OperationCanceledException)
                {
                    // Stopping: ingest has stopped before us, so what is queued is all there is.
                    await ProcessQueuedAsync(untilEmpty: true);
                    SaveDirtyStates();
                    return;
                }
            }

            await ProcessQueuedAsync(untilEmpty: false);
            if (time.GetUtcNow() >= _nextTick)
            {
                await RoundAsync(_devices.Keys.Select(id => (id, (IReadOnlyList<Observation>?)null)).ToList());
                _nextTick = time.GetUtcNow() + _options.TickInterval;
            }
        }
    }

    /// <summary>Rounds of what is queued until the queue is empty, or else a tick is due (a busy feed does not starve the ticks).</summary>
    private async Task ProcessQueuedAsync(bool untilEmpty)
    {
        while (untilEmpty || time.GetUtcNow() < _nextTick)
        {
            var round = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
            while (round.Count < MaxRound && feed.Reader.TryRead(out DeviceObservations? item))
            {
                Context(item.DeviceId, item.TenantId);
                if (!round.TryGetValue(item.DeviceId, out List<Observation>? observations))
                {
                    round.Add(item.DeviceId, observations = []);
                }

                observations.AddRange(item.Observations);
            }

            if (round.Count == 0)
            {
                return;
            }

            await RoundAsync(round.Select(p => (p.Key, (IReadOnlyList<Observation>?)p.Value)).ToList());
        }
    }

    /// <summary>
    /// Each listed device receives its observations, or (null) a tick. The detectors run outside
    /// the write lock (ingest goes on writing meanwhile); what they found is written in one short
    /// transaction after them.
    /// </summary>
    private async Task RoundAsync(List<(string DeviceId, IReadOnlyList<Observation>? Observations)> work)
    {
        if (work.Count == 0)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        long nowMs = now.ToUnixTimeMilliseconds();
        var notifications = new List<EventNotification>();
        var written = new List<(DeviceStep Step, bool Saved)>();
        using (SqliteConnection connection = database.Open())
        {
            HashSet<string>? existing = work.Any(w => w.Observations is null) ? ExistingDevices(connection) : null;
            var steps = new Dictionary<string, DeviceStep>(StringComparer.Ordinal);
            foreach ((string deviceId, IReadOnlyList<Observation>? observations) in work)
            {
                if (existing is not null && !existing.Contains(deviceId))
                {
                    // Deleted: nothing of it may come back.
                    _devices.Remove(deviceId);
                }
                else if (Detect(connection, null, deviceId, observations, nowMs) is DeviceStep step)
                {
                    steps[deviceId] = step;
                }
            }

            using SqliteTransaction transaction = connection.BeginTransaction();
            foreach (string erased in ForgetErased(connection, transaction))
            {
                // What was found from the erased state is dropped; the round's observations start the device afresh.
                steps.Remove(erased);
                IReadOnlyList<Observation>? observations = work.FirstOrDefault(w => w.DeviceId == erased).Observations;
                if (observations is not null && Detect(connection, transaction, erased, observations, nowMs) is DeviceStep fresh)
                {
                    steps[erased] = fresh;
                }
            }

            foreach (DeviceStep step in steps.Values)
            {
                if (Write(connection, transaction, step, now, notifications) is bool saved)
                {
                    written.Add((step, saved));
                }
            }

            transaction.Commit();
        }

        foreach ((DeviceStep step, bool saved) in written)
        {
            DeviceDetection device = step.Device;
            device.State = step.State;
            device.Dirty = !saved;
            if (saved)
            {
                device.Persisted = true;
                device.SavedAtUnixMs = nowMs;
            }
        }

        if (notifications.Count > 0)
        {
            foreach (IAlertSink sink in _sinks)
            {
                await sink.PublishAsync(notifications, CancellationToken.None);
            }
        }
    }

    /// <summary>Runs the device's timeline; null when nothing moved, or when its detection failed (logged).</summary>
    private DeviceStep? Detect(SqliteConnection connection, SqliteTransaction? transaction, string deviceId, IReadOnlyList<Observation>? observations, long nowMs)
    {
        DeviceDetection device = _devices[deviceId];
        try
        {
            var checkpoints = new SqliteCheckpointStore(connection, transaction, deviceId);
            var stored = new StoredObservations(telemetry, connection, transaction);
            var timeline = new DeviceTimeline(Detectors(device, deviceId), _options, checkpoints, (from, to) => stored.Between(deviceId, from, to), device.State);
            TimelineResult result = observations is null ? timeline.Tick(nowMs) : timeline.Receive(observations, nowMs);
            return ReferenceEquals(timeline.State, device.State) && result.Emitted.Count == 0 ? null : new DeviceStep(deviceId, device, timeline.State, result, checkpoints);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One device's failure (a detector's bug, unreadable stored data) must not stop the others.
            logger.LogError(e, "event detection failed for device {Device}; its observations of this round are skipped", deviceId);
            return null;
        }
    }

    /// <summary>
    /// Writes what a device's step found: checkpoints, events (returning their notifications), and
    /// its state when it found something or <see cref="EventsOptions.StateSaveInterval"/> passed.
    /// Returns whether the state was written, or null when writing failed (its writes are undone).
    /// </summary>
    private bool? Write(SqliteConnection connection, SqliteTransaction transaction, DeviceStep step, DateTimeOffset now, List<EventNotification> notifications)
    {
        long nowMs = now.ToUnixTimeMilliseconds();
        DeviceDetection device = step.Device;
        bool found = step.Result.Emitted.Count > 0 || step.Result.ReplayedFromUnixMs is not null;
        bool save = found || device.SavedAtUnixMs == long.MinValue || nowMs - device.SavedAtUnixMs >= (long)_options.StateSaveInterval.TotalMilliseconds;
        if (!save && !step.Checkpoints.HasChanges)
        {
            return false;
        }

        transaction.Save("device");
        try
        {
            step.Checkpoints.Flush(transaction);
            if (found)
            {
                notifications.AddRange(EventReconciler.Apply(connection, transaction, device.TenantId, step.DeviceId, step.Result, now));
            }

            if (save)
            {
                SaveState(connection, transaction, step.DeviceId, device.TenantId, step.State, nowMs);
            }

            transaction.Release("device");
            return save;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            transaction.Rollback("device");
            transaction.Release("device");
            logger.LogError(e, "writing the events of device {Device} failed; its observations of this round are skipped", step.DeviceId);
            return null;
        }
    }

    private DetectorSet Detectors(DeviceDetection device, string deviceId)
    {
        long version = rules.Version;
        if (device.RulesVersion != version)
        {
            device.Detectors = new DetectorSet(_options, rules.For(device.TenantId, deviceId));
            device.RulesVersion = version;
        }

        return device.Detectors;
    }

    private DeviceDetection Context(string deviceId, string tenantId)
    {
        if (!_devices.TryGetValue(deviceId, out DeviceDetection? device))
        {
            var detectors = new DetectorSet(_options, rules.For(tenantId, deviceId));
            device = new DeviceDetection(tenantId, TimelineState.Start(detectors.Initial), detectors, rules.Version);
            _devices.Add(deviceId, device);
        }

        return device;
    }

    /// <summary>
    /// Every device's saved state, with what is stored after its watermark as the observations
    /// waiting: those were never saved with the state (the store holds them), and after a crash they
    /// include what was stored but not yet detected on.
    /// </summary>
    private void LoadStates()
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        var saved = new List<(string DeviceId, string TenantId, string Json)>();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT device_id, tenant_id, state FROM detector_state";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                saved.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        _erasuresSeen = ErasureCount(connection, transaction);
        var stored = new StoredObservations(telemetry, connection, transaction);
        long version = rules.Version;
        long pending = 0;

        // Box times a little ahead of the gateway's are data too.
        long until = time.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds();
        foreach ((string deviceId, string tenantId, string json) in saved)
        {
            try
            {
                TimelineState state = JsonSerializer.Deserialize<TimelineState>(json)!;
                IReadOnlyList<Observation> waiting = stored.Between(deviceId, state.WatermarkUnixMs, until);
                state = state.Waiting(waiting);
                pending += waiting.Count;
                _devices[deviceId] = new DeviceDetection(tenantId, state, new DetectorSet(_options, rules.For(tenantId, deviceId)), version) { Persisted = true };
            }
            catch (JsonException e)
            {
                logger.LogError(e, "the saved detection state of device {Device} is unreadable; detection starts afresh for it", deviceId);
            }
        }

        logger.LogInformation("event detection resumed for {Devices} devices, {Pending} stored observations still to detect on", _devices.Count, pending);
    }

    /// <summary>Writes the states that moved on since they were last written (the gateway stops).</summary>
    private void SaveDirtyStates()
    {
        long nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        foreach ((string deviceId, DeviceDetection device) in _devices.Where(d => d.Value.Dirty))
        {
            SaveState(connection, transaction, deviceId, device.TenantId, device.State, nowMs);
        }

        transaction.Commit();
    }

    /// <summary>
    /// Starts afresh the devices whose saved state is gone: their data was erased (here or by the
    /// CLI beside a running gateway), and nothing held in memory may write it back. Looks only when
    /// the erasure count moved since the last look (one row a round, not one lookup a device); in
    /// the round's write transaction, so no erasure comes between the look and the writes.
    /// </summary>
    private List<string> ForgetErased(SqliteConnection connection, SqliteTransaction transaction)
    {
        long erasures = ErasureCount(connection, transaction);
        if (erasures == _erasuresSeen)
        {
            return [];
        }

        _erasuresSeen = erasures;
        string[] ids = _devices.Where(d => d.Value.Persisted).Select(d => d.Key).ToArray();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT device_id FROM detector_state WHERE device_id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        var present = new HashSet<string>(StringComparer.Ordinal);
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }

        List<string> erased = ids.Where(id => !present.Contains(id)).ToList();
        foreach (string id in erased)
        {
            DeviceDetection device = _devices[id];
            _devices[id] = new DeviceDetection(device.TenantId, TimelineState.Start(device.Detectors.Initial), device.Detectors, device.RulesVersion);
            logger.LogInformation("device {Device}: its detection state was erased; detection starts afresh", id);
        }

        return erased;
    }

    private static long ErasureCount(SqliteConnection connection, SqliteTransaction transaction)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count FROM detection_erasures WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    private static HashSet<string> ExistingDevices(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM devices";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void SaveState(SqliteConnection connection, SqliteTransaction transaction, string deviceId, string tenantId, TimelineState state, long nowMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO detector_state (device_id, tenant_id, state, updated_ms) VALUES ($device, $tenant, $state, $now)
            ON CONFLICT (device_id) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$tenant", tenantId);
        // Without the observations waiting: the store has them, and they are read again at start.
        command.Parameters.AddWithValue("$state", JsonSerializer.Serialize(state.Waiting([])));
        command.Parameters.AddWithValue("$now", nowMs);
        command.ExecuteNonQuery();
    }
}
