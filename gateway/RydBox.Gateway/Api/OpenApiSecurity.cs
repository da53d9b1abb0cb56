using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RydBox.Gateway.Api;

/// <summary>Describes the API key in the OpenAPI document: a bearer token or the X-Api-Key header, required by every /api operation.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "apiKeyBearer";
    public const string HeaderScheme = "apiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "RydBox gateway fleet API";
        document.Info.Description = "Query a tenant's vehicles, latest values, telemetry, tracks, events and dead letters. The API key decides the tenant.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rbk_{id}_{secret}",
            Description = "An API key of the tenant (rydbox-gateway keys create …): Authorization: Bearer rbk_…",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "The same API key in the X-Api-Key header.",
        };

        foreach ((string path, IOpenApiPathItem item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (OpenApiOperation operation in item.Operations.Values)
            {
                // Two requirements: either scheme is enough.
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                ];
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or one the gateway does not accept (problem+json)." });
            }
        }

        return Task.CompletedTask;
    }
}
