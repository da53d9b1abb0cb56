using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Api;

/// <summary>GET /health (database reachable) and GET /metrics (Prometheus): no API key, for load balancers and scrapers.</summary>
internal static class OperationsEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/health", Health)
            .WithName("GetHealth")
            .WithTags("Operations")
            .WithSummary("Whether the gateway can serve: 200 when its database answers, 503 otherwise")
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();
        app.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Scrape(), PrometheusExporter.ContentType))
            .WithName("GetMetrics")
            .WithTags("Operations")
            .WithSummary("The gateway's metrics in the Prometheus text format")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .AllowAnonymous();
    }

    private static IResult Health(FleetReader fleet) =>
        fleet.DatabaseProblem() is { } problem
            ? TypedResults.Json(new HealthReport("unavailable", problem, null), statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Json(new HealthReport("ok", "ok", Schema.Version));
}
