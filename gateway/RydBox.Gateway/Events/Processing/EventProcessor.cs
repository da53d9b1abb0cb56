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

    /// <summary>One transaction: each listed device receives its observations, or (null) a tick.</summary>
    private async Task RoundAsync(List<(string DeviceId, IReadOnlyList<Observation>? Observations)> work)
    {
        if (work.Count == 0)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        long nowMs = now.ToUnixTimeMilliseconds();
        var notifications = new List<EventNotification>();
        var moved = new List<(DeviceDetection Device, TimelineState State, bool Saved)>();
        using (SqliteConnection connection = database.Open())
        using (SqliteTransaction transaction = connection.BeginTransaction())
        {
            HashSet<string>? existing = work.Any(w => w.Observations is null) ? ExistingDevices(connection, transaction) : null;
            ForgetErasedIfAny(connection, transaction);
            var stored = new StoredObservations(telemetry, connection, transaction);
            var savepoint = new DeviceSavepoint(transaction);
            foreach ((string deviceId, IReadOnlyList<Observation>? observations) in work)
            {
                if (existing is not null && !existing.Contains(deviceId))
                {
                    // Erased: nothing of it may come back.
                    _devices.Remove(deviceId);
                    continue;
                }

                DeviceDetection device = _devices[deviceId];
                try
                {
                    var timeline = new DeviceTimeline(
                        Detectors(device, deviceId), _options, new SqliteCheckpointStore(connection, transaction, savepoint, deviceId), (from, to) => stored.Between(deviceId, from, to), device.State);
                    TimelineResult result = observations is null ? timeline.Tick(nowMs) : timeline.Receive(observations, nowMs);
                    if (ReferenceEquals(timeline.State, device.State) && result.Emitted.Count == 0)
                    {
                        savepoint.Release();
                        continue;
                    }

                    bool found = result.Emitted.Count > 0 || result.ReplayedFromUnixMs is not null;
                    if (found)
                    {
                        savepoint.BeforeWrite();
                        notifications.AddRange(EventReconciler.Apply(connection, transaction, device.TenantId, deviceId, result, now));
                    }

                    bool save = found || device.SavedAtUnixMs == long.MinValue || nowMs - device.SavedAtUnixMs >= (long)_options.StateSaveInterval.TotalMilliseconds;
                    if (save)
                    {
                        savepoint.BeforeWrite();
                        SaveState(connection, transaction, deviceId, device.TenantId, timeline.State, nowMs);
                    }

                    moved.Add((device, timeline.State, save));
                    savepoint.Release();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One device's failure (a detector's bug, unreadable stored data) must not stop the others.
                    savepoint.Undo();
                    logger.LogError(e, "event detection failed for device {Device}; its observations of this round are skipped", deviceId);
                }
            }

            transaction.Commit();
        }

        foreach ((DeviceDetection device, TimelineState state, bool saved) in moved)
        {
            device.State = state;
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
    /// the erasure count moved since the last look (one row a round, not one lookup a device).
    /// </summary>
    private void ForgetErasedIfAny(SqliteConnection connection, SqliteTransaction transaction)
    {
        long erasures = ErasureCount(connection, transaction);
        if (erasures == _erasuresSeen)
        {
            return;
        }

        _erasuresSeen = erasures;
        string[] ids = _devices.Where(d => d.Value.Persisted).Select(d => d.Key).ToArray();
        if (ids.Length == 0)
        {
            return;
        }

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

        foreach (string erased in ids.Where(id => !present.Contains(id)))
        {
            DeviceDetection device = _devices[erased];
            _devices[erased] = new DeviceDetection(device.TenantId, TimelineState.Start(device.Detectors.Initial), device.Detectors, device.RulesVersion);
            logger.LogInformation("device {Device}: its detection state was erased; detection starts afresh", erased);
        }
    }

    private static long ErasureCount(SqliteConnection connection, SqliteTransaction transaction)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count FROM detection_erasures WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    private static HashSet<string> ExistingDevices(SqliteConnection connection, SqliteTransaction transaction)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
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
