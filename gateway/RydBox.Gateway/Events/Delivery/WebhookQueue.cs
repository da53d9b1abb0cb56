using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Identity.IdentityStore;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>A delivery due for an attempt, with what the worker needs to send it.</summary>
internal sealed record DueDelivery(long Id, string WebhookId, string Url, string Secret, string NotificationId, string Body, int Attempts);

/// <summary>
/// The persistent webhook queue (table webhook_deliveries): <see cref="Enqueue"/> writes one pending row
/// per matching enabled webhook and notification, in one transaction, and wakes the worker; the worker
/// (<see cref="WebhookDeliveryWorker"/>) takes due rows and records each attempt. Rows survive a restart:
/// a delivery whose attempt was cut short by a crash is pending still and goes out again (at least once).
/// </summary>
public sealed class WebhookQueue(GatewayDatabase database, WebhookSignal signal, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Queues the notifications for their tenants' webhooks; returns how many deliveries it queued.</summary>
    public int Enqueue(IReadOnlyList<EventNotification> notifications)
    {
        if (notifications.Count == 0)
        {
            return 0;
        }

        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        int queued = 0;
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        var webhooksByTenant = new Dictionary<string, List<(string Id, IReadOnlyList<string> Kinds)>>(StringComparer.Ordinal);
        using SqliteCommand insert = Command(
            connection,
            transaction,
            """
            INSERT INTO webhook_deliveries (webhook_id, tenant_id, device_id, notification_id, body, attempts, next_attempt_ms, status, created_ms, updated_ms)
            VALUES ($webhook, $tenant, $device, $notification, $body, 0, $now, 'pending', $now, $now)
            """,
            ("$webhook", ""),
            ("$tenant", ""),
            ("$device", ""),
            ("$notification", ""),
            ("$body", ""),
            ("$now", now));
        foreach (EventNotification notification in notifications)
        {
            if (!webhooksByTenant.TryGetValue(notification.TenantId, out var webhooks))
            {
                webhooks = EnabledWebhooks(connection, transaction, notification.TenantId);
                webhooksByTenant[notification.TenantId] = webhooks;
            }

            string? body = null;
            foreach ((string webhookId, IReadOnlyList<string> kinds) in webhooks)
            {
                if (kinds.Count > 0 && !kinds.Contains(notification.Event.Kind, StringComparer.Ordinal))
                {
                    continue;
                }

                body ??= System.Text.Encoding.UTF8.GetString(NotificationJson.Serialize(notification));
                insert.Parameters["$webhook"].Value = webhookId;
                insert.Parameters["$tenant"].Value = notification.TenantId;
                insert.Parameters["$device"].Value = notification.DeviceId;
                insert.Parameters["$notification"].Value = notification.Id;
                insert.Parameters["$body"].Value = body;
                queued += insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        if (queued > 0)
        {
            signal.Wake();
        }

        return queued;
    }

    /// <summary>Pending deliveries of enabled webhooks due by <paramref name="nowMs"/>, oldest due first, skipping those in flight.</summary>
    internal IReadOnlyList<DueDelivery> Due(long nowMs, int limit, IReadOnlyCollection<long> inFlight)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(
            connection,
            null,
            $"""
            SELECT d.id, d.webhook_id, w.url, w.secret, d.notification_id, d.body, d.attempts
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 'pending' AND d.next_attempt_ms <= $now AND w.enabled = 1 {Excluding(inFlight)}
            ORDER BY d.next_attempt_ms, d.id LIMIT $limit
            """,
            ("$now", nowMs),
            ("$limit", limit));
        var due = new List<DueDelivery>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            due.Add(new DueDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }

        return due;
    }

    /// <summary>When the next pending delivery of an enabled webhook (not in flight) is due; null when none is pending.</summary>
    internal long? NextDueMs(IReadOnlyCollection<long> inFlight)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(
            connection,
            null,
            $"""
            SELECT min(d.next_attempt_ms) FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 'pending' AND w.enabled = 1 {Excluding(inFlight)}
            """);
        object? value = select.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal void RecordDelivered(long id, int statusCode, long nowMs)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = Command(
            connection,
            null,
            "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = $code, last_error = NULL, updated_ms = $now WHERE id = $id",
            ("$code", statusCode),
            ("$now", nowMs),
            ("$id", id));
        update.ExecuteNonQuery();
    }

    /// <param name="nextAttemptMs">When to try again; null when this was the last attempt (the delivery is failed).</param>
    internal void RecordFailedAttempt(long id, int attempts, int? statusCode, string error, long nowMs, long? nextAttemptMs)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = Command(
            connection,
            null,
            """
            UPDATE webhook_deliveries
            SET attempts = $attempts, last_status_code = $code, last_error = $error, updated_ms = $now,
                status = CASE WHEN $next IS NULL THEN 'failed' ELSE 'pending' END,
                next_attempt_ms = coalesce($next, next_attempt_ms)
            WHERE id = $id AND status = 'pending'
            """,
            ("$attempts", attempts),
            ("$code", statusCode),
            ("$error", error.Length > 500 ? error[..500] : error),
            ("$now", nowMs),
            ("$next", nextAttemptMs),
            ("$id", id));
        update.ExecuteNonQuery();
    }

    /// <summary>Deletes delivered rows last updated before <paramref name="beforeMs"/>; returns how many.</summary>
    internal int DeleteDeliveredBefore(long beforeMs)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand delete = Command(
            connection, null, "DELETE FROM webhook_deliveries WHERE status = 'delivered' AND updated_ms < $before", ("$before", beforeMs));
        return delete.ExecuteNonQuery();
    }

    // Ids are longs the worker read from the table itself: safe to inline (at most MaxConcurrentDeliveries of them).
    private static string Excluding(IReadOnlyCollection<long> ids) =>
        ids.Count == 0 ? "" : $"AND d.id NOT IN ({string.Join(',', ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";

    private static List<(string Id, IReadOnlyList<string> Kinds)> EnabledWebhooks(SqliteConnection connection, SqliteTransaction transaction, string tenantId)
    {
        using SqliteCommand select = Command(connection, transaction, "SELECT id, kinds FROM webhooks WHERE tenant_id = $tenant AND enabled = 1", ("$tenant", tenantId));
        var webhooks = new List<(string, IReadOnlyList<string>)>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            webhooks.Add((reader.GetString(0), WebhookRegistry.ParseKinds(reader.GetString(1))));
        }

        return webhooks;
    }
}
