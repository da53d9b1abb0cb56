using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RydBox.Gateway.Events.Delivery;

namespace RydBox.Gateway.Api;

/// <summary>/api/v1/webhooks: the tenant's webhooks, their secrets (shown once) and deliveries that failed.</summary>
internal static class WebhookEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        RouteGroupBuilder webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").AddEndpointFilter(RuleProblems.Filter);
        webhooks.MapPost("", Add)
            .WithName("AddWebhook")
            .WithSummary("Add a webhook; the answer holds its signing secret, shown only once")
            .WithDescription("Body: {url, kinds?}. Detected events of the kinds asked (all when none) are POSTed to the URL, signed with HMAC-SHA256 (X-RydBox-Signature), retried with backoff.")
            .Accepts<WebhookRequest>("application/json")
            .Produces<IssuedWebhookView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        webhooks.MapGet("", List)
            .WithName("ListWebhooks")
            .WithSummary("The tenant's webhooks (without secrets)")
            .Produces<WebhookList>();
        webhooks.MapGet("/{id}", Get)
            .WithName("GetWebhook")
            .WithSummary("One webhook (without its secret)")
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{id}", Remove)
            .WithName("RemoveWebhook")
            .WithSummary("Remove a webhook and all its deliveries")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id}/rotate-secret", RotateSecret)
            .WithName("RotateWebhookSecret")
            .WithSummary("Give a webhook a new signing secret, shown only in this answer")
            .WithDescription("Every delivery from now on, pending ones too, is signed with the new secret.")
            .Produces<IssuedWebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/deliveries", Deliveries)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The tenant's webhook deliveries, newest first; status=failed for the ones that gave up")
            .WithDescription("Each with its attempts, last HTTP status and error, and the body as posted.")
            .Produces<WebhookDeliveryList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        webhooks.MapPost("/deliveries/{id}/retry", Retry)
            .WithName("RetryWebhookDelivery")
            .WithSummary("Send a delivery again: it becomes pending, attempts from zero, due now")
            .Produces<WebhookDeliveryView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static WebhookView View(Webhook webhook) =>
        new(webhook.Id, webhook.Url, webhook.Kinds, webhook.Enabled, webhook.Created.UtcDateTime);

    public static IssuedWebhookView View(IssuedWebhook issued) =>
        new(issued.Webhook.Id, issued.Webhook.Url, issued.Webhook.Kinds, issued.Webhook.Enabled, issued.Webhook.Created.UtcDateTime, issued.Secret);

    public static WebhookDeliveryView View(WebhookDelivery delivery)
    {
        using JsonDocument body = JsonDocument.Parse(delivery.Body);
        return new WebhookDeliveryView(
            delivery.Id,
            delivery.WebhookId,
            delivery.DeviceId,
            delivery.NotificationId,
            WebhookRegistry.StatusName(delivery.Status),
            delivery.Attempts,
            delivery.NextAttempt.UtcDateTime,
            delivery.LastStatusCode,
            delivery.LastError,
            delivery.Created.UtcDateTime,
            delivery.Updated.UtcDateTime,
            body.RootElement.Clone());
    }

    private static async Task<IResult> Add(HttpRequest request, ClaimsPrincipal user, [FromServices] WebhookRegistry registry)
    {
        WebhookRequest body = await RuleProblems.ReadBodyAsync<WebhookRequest>(request);
        IssuedWebhook issued = registry.Add(ApiKeyAuthenticationHandler.TenantOf(user), body.Url ?? "", body.Kinds);
        return TypedResults.Created($"/api/v1/webhooks/{issued.Webhook.Id}", View(issued));
    }

    private static IResult List(ClaimsPrincipal user, [FromServices] WebhookRegistry registry) =>
        TypedResults.Ok(new WebhookList([.. registry.List(ApiKeyAuthenticationHandler.TenantOf(user)).Select(View)]));

    private static IResult Get([Description("The webhook's id (wh_…).")] string id, ClaimsPrincipal user, [FromServices] WebhookRegistry registry) =>
        registry.Get(ApiKeyAuthenticationHandler.TenantOf(user), id) is { } webhook ? TypedResults.Ok(View(webhook)) : RuleProblems.NotFound("webhook", id);

    private static IResult Remove([Description("The webhook's id (wh_…).")] string id, ClaimsPrincipal user, [FromServices] WebhookRegistry registry) =>
        registry.Remove(ApiKeyAuthenticationHandler.TenantOf(user), id) ? TypedResults.NoContent() : RuleProblems.NotFound("webhook", id);

    private static IResult RotateSecret([Description("The webhook's id (wh_…).")] string id, ClaimsPrincipal user, [FromServices] WebhookRegistry registry) =>
        registry.RotateSecret(ApiKeyAuthenticationHandler.TenantOf(user), id) is { } issued ? TypedResults.Ok(View(issued)) : RuleProblems.NotFound("webhook", id);

    private static IResult Deliveries(
        [Description("Only deliveries in this state: pending, delivered or failed. Default: all.")] string? status,
        [Description("Only this webhook's (wh_…).")] string? webhook,
        [Description("How many, newest first: 1 to 1000, default 100.")] string? limit,
        ClaimsPrincipal user,
        [FromServices] WebhookRegistry registry)
    {
        WebhookDeliveryStatus? state = status?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "pending" => WebhookDeliveryStatus.Pending,
            "delivered" => WebhookDeliveryStatus.Delivered,
            "failed" => WebhookDeliveryStatus.Failed,
            _ => throw new BadParameterException("status", $"'{status}' is not a delivery status; use pending, delivered or failed"),
        };
        int count = QueryParameters.ParseLimit(limit, DefaultLimit, MaxLimit);
        IReadOnlyList<WebhookDelivery> deliveries = registry.ListDeliveries(
            ApiKeyAuthenticationHandler.TenantOf(user), state, string.IsNullOrWhiteSpace(webhook) ? null : webhook.Trim(), count);
        return TypedResults.Ok(new WebhookDeliveryList([.. deliveries.Select(View)]));
    }

    private static IResult Retry([Description("The delivery's id (a number).")] string id, ClaimsPrincipal user, [FromServices] WebhookRegistry registry)
    {
        long deliveryId = QueryParameters.ParseOptionalId("id", id) ?? throw new BadParameterException("id", "a delivery id is a whole number");
        return registry.Retry(ApiKeyAuthenticationHandler.TenantOf(user), deliveryId) is { } delivery ? TypedResults.Ok(View(delivery)) : RuleProblems.NotFound("webhook delivery", id);
    }
}
