namespace RydBox.Gateway.Api;

/// <summary>The endpoints of issue 6's management and query surfaces: detected events, geofences and curfews, webhooks.</summary>
internal static class EventApi
{
    public static void Map(RouteGroupBuilder api)
    {
        EventEndpoints.Map(api);
        RuleEndpoints.Map(api);
        WebhookEndpoints.Map(api);
    }
}
