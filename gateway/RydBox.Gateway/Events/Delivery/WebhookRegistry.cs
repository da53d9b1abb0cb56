using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Identity.IdentityStore;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// A tenant's webhooks (table webhooks) and their deliveries (webhook_deliveries), for the API and
/// the CLI. Every call names the tenant: a webhook or delivery of another tenant is "not found".
/// Refusals are <see cref="IdentityException"/> (Invalid → 400, NotFound → 404), as for devices and keys.
/// <para>
/// The secret is made here ("whsec_" and 32 random characters), returned once in <see cref="IssuedWebhook"/>
/// and stored as it is: unlike a device secret or API key it cannot be kept as a hash, because the
/// gateway needs it to sign every delivery. Protect the database file accordingly.
/// </para>
/// </summary>
public sealed class WebhookRegistry(GatewayDatabase database, WebhookSignal signal, TimeProvider? timeProvider = null)
{
    public const string IdPrefix = "wh_";
    public const string SecretPrefix = "whsec_";
    public const int MaxUrlLength = 2000;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Columns = "id, tenant_id, url, kinds, enabled, created_ms";
    private const string DeliveryColumns =
        "id, webhook_id, tenant_id, device_id, notification_id, body, attempts, next_attempt_ms, status, last_status_code, last_error, created_ms, updated_ms";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="url">http:// or https://, absolute, without user name or password in it.</param>
    /// <param name="kinds">Event kinds to send (<see cref="EventKinds.All"/>); null or empty for all.</param>
    /// <exception cref="IdentityException">Invalid URL or kind (Invalid); unknown tenant (NotFound).</exception>
    public IssuedWebhook Add(string tenantId, string url, IEnumerable<string>? kinds = null, bool enabled = true)
    {
        string checkedUrl = ValidUrl(url);
        IReadOnlyList<string> checkedKinds = ValidKinds(kinds);
        string id = IdPrefix + RandomNumberGenerator.GetString(Alphabet, 12);
        string secret = NewSecret();
        var webhook = new Webhook(id, tenantId, checkedUrl, checkedKinds, enabled, Now());

        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        RequireTenant(connection, transaction, tenantId);
        using SqliteCommand insert = Command(
            connection,
            transaction,
            "INSERT INTO webhooks (id, tenant_id, url, secret, kinds, enabled, created_ms) VALUES ($id, $tenant, $url, $secret, $kinds, $enabled, $created)",
            ("$id", id),
            ("$tenant", tenantId),
            ("$url", checkedUrl),
            ("$secret", secret),
            ("$kinds", string.Join(',', checkedKinds)),
            ("$enabled", enabled ? 1 : 0),
            ("$created", webhook.Created.ToUnixTimeMilliseconds()));
        insert.ExecuteNonQuery();
        transaction.Commit();
        return new IssuedWebhook(webhook, secret);
    }

    /// <summary>The tenant's webhooks, oldest first.</summary>
    public IReadOnlyList<Webhook> List(string tenantId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT {Columns} FROM webhooks WHERE tenant_id = $tenant ORDER BY created_ms, id", ("$tenant", tenantId));
        return ReadWebhooks(select);
    }

    /// <summary>The webhook, or null when the tenant has none with that id.</summary>
    public Webhook? Get(string tenantId, string webhookId)
    {
        using SqliteConnection connection = database.Open();
        return Find(connection, null, tenantId, webhookId);
    }

    /// <summary>Removes the webhook and all its deliveries (pending, delivered and failed); false when the tenant has none with that id.</summary>
    public bool Remove(string tenantId, string webhookId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand delete = Command(connection, null, "DELETE FROM webhooks WHERE id = $id AND tenant_id = $tenant", ("$id", webhookId), ("$tenant", tenantId));
        return delete.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// Pauses or resumes a webhook; null when not found. A disabled webhook gets no new deliveries,
    /// and its pending ones wait (they go out, if still due, once it is enabled again).
    /// </summary>
    public Webhook? SetEnabled(string tenantId, string webhookId, bool enabled)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = Command(
            connection, null, "UPDATE webhooks SET enabled = $enabled WHERE id = $id AND tenant_id = $tenant", ("$enabled", enabled ? 1 : 0), ("$id", webhookId), ("$tenant", tenantId));
        if (update.ExecuteNonQuery() == 0)
        {
            return null;
        }

        signal.Wake();
        return Find(connection, null, tenantId, webhookId);
    }

    /// <summary>A new secret (shown once); deliveries from now on, pending ones too, are signed with it. Null when not found.</summary>
    public IssuedWebhook? RotateSecret(string tenantId, string webhookId)
    {
        string secret = NewSecret();
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = Command(
            connection, null, "UPDATE webhooks SET secret = $secret WHERE id = $id AND tenant_id = $tenant", ("$secret", secret), ("$id", webhookId), ("$tenant", tenantId));
        return update.ExecuteNonQuery() == 0 ? null : new IssuedWebhook(Find(connection, null, tenantId, webhookId)!, secret);
    }

    /// <summary>The tenant's deliveries, newest first, optionally of one status and/or one webhook.</summary>
    public IReadOnlyList<WebhookDelivery> ListDeliveries(string tenantId, WebhookDeliveryStatus? status = null, string? webhookId = null, int limit = 100)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(
            connection,
            null,
            $"""
            SELECT {DeliveryColumns} FROM webhook_deliveries
            WHERE tenant_id = $tenant AND ($status IS NULL OR status = $status) AND ($webhook IS NULL OR webhook_id = $webhook)
            ORDER BY id DESC LIMIT $limit
            """,
            ("$tenant", tenantId),
            ("$status", status is null ? null : StatusName(status.Value)),
            ("$webhook", webhookId),
            ("$limit", Math.Clamp(limit, 1, 10_000)));
        return ReadDeliveries(select);
    }

    /// <summary>The tenant's failed deliveries, newest first.</summary>
    public IReadOnlyList<WebhookDelivery> ListFailures(string tenantId, int limit = 100) =>
        ListDeliveries(tenantId, WebhookDeliveryStatus.Failed, limit: limit);

    public WebhookDelivery? GetDelivery(string tenantId, long deliveryId)
    {
        using SqliteConnection connection = database.Open();
        return FindDelivery(connection, tenantId, deliveryId);
    }

    /// <summary>
    /// Sends a delivery again, by hand: whatever its status, it becomes pending with its attempts
    /// counted from zero, due now, and the background worker is woken. Null when not found.
    /// </summary>
    public WebhookDelivery? Retry(string tenantId, long deliveryId)
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = Command(
            connection,
            null,
            "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_ms = $now, updated_ms = $now WHERE id = $id AND tenant_id = $tenant",
            ("$now", now),
            ("$id", deliveryId),
            ("$tenant", tenantId));
        if (update.ExecuteNonQuery() == 0)
        {
            return null;
        }

        // Read before waking the worker: the answer is the delivery as the retry left it, not a race with the next attempt.
        WebhookDelivery? requeued = FindDelivery(connection, tenantId, deliveryId);
        signal.Wake();
        return requeued;
    }

    internal static string StatusName(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "pending",
        WebhookDeliveryStatus.Delivered => "delivered",
        WebhookDeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a delivery status"),
    };

    internal static string ValidUrl(string? url)
    {
        string trimmed = url?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxUrlLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out Uri? parsed)
            || parsed.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(parsed.Host))
        {
            throw IdentityException.Invalid($"a webhook URL must be an absolute http:// or https:// URL of at most {MaxUrlLength} characters");
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            throw IdentityException.Invalid("a webhook URL may not carry a user name or password: deliveries are authenticated by their signature");
        }

        if (!string.IsNullOrEmpty(parsed.Fragment))
        {
            throw IdentityException.Invalid("a webhook URL may not have a #fragment");
        }

        return parsed.AbsoluteUri;
    }

    internal static IReadOnlyList<string> ValidKinds(IEnumerable<string>? kinds)
    {
        List<string> list = (kinds ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (string kind in list)
        {
            if (!EventKinds.All.Contains(kind, StringComparer.Ordinal))
            {
                throw IdentityException.Invalid($"\"{kind}\" is not an event kind ({string.Join(", ", EventKinds.All)})");
            }
        }

        return list;
    }

    internal static IReadOnlyList<string> ParseKinds(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',');

    private static string NewSecret() => SecretPrefix + RandomNumberGenerator.GetString(SecretAlphabet, 32);

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());

    private static Webhook? Find(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, string webhookId)
    {
        using SqliteCommand select = Command(
            connection, transaction, $"SELECT {Columns} FROM webhooks WHERE id = $id AND tenant_id = $tenant", ("$id", webhookId), ("$tenant", tenantId));
        return ReadWebhooks(select).SingleOrDefault();
    }

    private static WebhookDelivery? FindDelivery(SqliteConnection connection, string tenantId, long deliveryId)
    {
        using SqliteCommand select = Command(
            connection, null, $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE id = $id AND tenant_id = $tenant", ("$id", deliveryId), ("$tenant", tenantId));
        return ReadDeliveries(select).SingleOrDefault();
    }

    private static List<Webhook> ReadWebhooks(SqliteCommand select)
    {
        var webhooks = new List<Webhook>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            webhooks.Add(new Webhook(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseKinds(reader.GetString(3)), reader.GetInt64(4) != 0, Time(reader, 5)));
        }

        return webhooks;
    }

    private static List<WebhookDelivery> ReadDeliveries(SqliteCommand select)
    {
        var deliveries = new List<WebhookDelivery>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            deliveries.Add(new WebhookDelivery(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6),
                Time(reader, 7),
                reader.GetString(8) switch
                {
                    "pending" => WebhookDeliveryStatus.Pending,
                    "delivered" => WebhookDeliveryStatus.Delivered,
                    _ => WebhookDeliveryStatus.Failed,
                },
                reader.IsDBNull(9) ? null : reader.GetInt32(9),
                NullableString(reader, 10),
                Time(reader, 11),
                Time(reader, 12)));
        }

        return deliveries;
    }
}
