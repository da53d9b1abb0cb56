using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RydBox.Gateway.Api;

public static class ApiEndpoints
{
    /// <summary>Services the HTTP API needs (authentication by API key, OpenAPI, metrics).</summary>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services)
    {
        services.AddOptions<ApiQueryOptions>().BindConfiguration(ApiQueryOptions.Section);
        services.AddSingleton<FleetReader>();
        services.AddSingleton<PrometheusExporter>();
        services.AddProblemDetails();
        // The core only: AddAuthentication would bring Data Protection, which writes keys under the user's
        // profile at start though nothing here encrypts anything.
        services.AddAuthenticationCore(options =>
        {
            options.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: null);
            options.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
        });
        services.AddOptions<AuthenticationSchemeOptions>(ApiKeyAuthenticationHandler.SchemeName);
        services.TryAddSingleton(UrlEncoder.Default);
        services.AddAuthorization();
        services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiSecurity>());
        return services;
    }

    /// <summary>The fleet query API, health and metrics.</summary>
    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        // Created now, not at the first scrape, so it counts from the start.
        app.Services.GetRequiredService<PrometheusExporter>();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        OperationsEndpoints.Map(app);
        RouteGroupBuilder api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .WithTags("Fleet")
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (BadParameterException error)
                {
                    return ApiProblems.BadParameter(error);
                }
            });
        VehicleEndpoints.Map(api);
        TelemetryEndpoints.Map(api);
        DeadLetterEndpoints.Map(api);
        EventApi.Map(api);
        TripEndpoints.Map(api);
        return app;
    }
}
