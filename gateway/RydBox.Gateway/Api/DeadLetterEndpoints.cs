using System.ComponentModel;
using System.Security.Claims;

namespace RydBox.Gateway.Api;

/// <summary>GET /api/v1/dead-letters: messages of the tenant's boxes the gateway refused, for operators.</summary>
internal static class DeadLetterEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dead-letters", DeadLetters)
            .WithName("ListDeadLetters")
            .WithSummary("Refused messages of the tenant's boxes, newest first")
            .WithDescription("Each with its reason (the WireError or ingest rule), detail, topic and the payload as received (base64). Messages from unknown senders belong to no tenant and are not listed.")
            .Produces<DeadLetterList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static IResult DeadLetters(
        [Description("How many, newest first: 1 to 1000, default 100.")] string? limit,
        [Description("Only dead letters with a smaller id: pages back from the last id of the previous page.")] string? before,
        ClaimsPrincipal user,
        FleetReader fleet)
    {
        int count = QueryParameters.ParseLimit(limit, DefaultLimit, MaxLimit);
        long? beforeId = QueryParameters.ParseOptionalId("before", before);
        return TypedResults.Ok(new DeadLetterList(fleet.DeadLetters(ApiKeyAuthenticationHandler.TenantOf(user), count, beforeId)));
    }
}
