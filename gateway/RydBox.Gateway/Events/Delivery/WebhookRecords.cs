namespace RydBox.Gateway.Events.Delivery;

/// <summary>A tenant's webhook; its secret is handed out only in <see cref="IssuedWebhook"/>.</summary>
/// <param name="Kinds">The event kinds it gets (<see cref="Model.EventKinds"/>); empty for all.</param>
public sealed record Webhook(string Id, string TenantId, string Url, IReadOnlyList<string> Kinds, bool Enabled, DateTimeOffset Created)
{
    public bool Wants(string kind) => Kinds.Count == 0 || Kinds.Contains(kind, StringComparer.Ordinal);
}

/// <summary>A webhook just added or given a new secret: the only time the API shows the secret.</summary>
public sealed record IssuedWebhook(Webhook Webhook, string Secret);

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Answered 2xx.</summary>
    Delivered,

    /// <summary>Refused or unreachable on every attempt: kept for inspection and a retry by hand.</summary>
    Failed,
}

/// <summary>One notification queued for one webhook, with how its attempts went.</summary>
/// <param name="Body">The JSON posted (NotificationJson), exactly as signed.</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt; null when it got no answer.</param>
/// <param name="LastError">Why the last attempt failed ("HTTP 500", a timeout, a connection error); null after success.</param>
public sealed record WebhookDelivery(
    long Id,
    string WebhookId,
    string TenantId,
    string DeviceId,
    string NotificationId,
    string Body,
    int Attempts,
    DateTimeOffset NextAttempt,
    WebhookDeliveryStatus Status,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset Created,
    DateTimeOffset Updated);
