namespace RydBox.Gateway.Api;

public static class ApiEndpoints
{
    /// <summary>Services the HTTP API needs (authentication by API key, OpenAPI, metrics).</summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services) => services;

    /// <summary>The fleet query API, health and metrics.</summary>
    public static WebApplication MapGatewayApi(this WebApplication app) => app;
}
