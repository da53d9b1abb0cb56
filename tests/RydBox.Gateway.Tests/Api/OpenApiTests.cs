using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static RydBox.Gateway.Tests.Api.ApiJson;

namespace RydBox.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(SeededGateway gateway)
{
    [Fact]
    public async Task The_document_lists_every_endpoint_the_gateway_serves()
    {
        JsonNode document = await OkAsync(gateway.Client(), "/openapi/v1.json");

        string[] served = [.. gateway.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(path => !path.StartsWith("/openapi/", StringComparison.Ordinal))
            .Distinct()];

        // A group's own route ("/api/v1/geofences" + "") is written with a trailing slash; both forms are served.
        string[] documented = [.. document["paths"]!.AsObject().Select(p => "/" + p.Key.Trim('/'))];

        served.Should().Contain([
            "/api/v1/vehicles", "/api/v1/vehicles/{id}", "/api/v1/vehicles/{id}/latest", "/api/v1/vehicles/{id}/telemetry",
            "/api/v1/vehicles/{id}/track", "/api/v1/vehicles/{id}/events", "/api/v1/dead-letters", "/health", "/metrics",
            "/api/v1/events", "/api/v1/geofences", "/api/v1/curfews", "/api/v1/webhooks", "/api/v1/vehicles/{id}/trips"]);
        documented.Should().BeEquivalentTo(served);
    }

    [Fact]
    public async Task The_api_key_is_described_and_required_by_every_api_operation_only()
    {
        JsonNode document = await OkAsync(gateway.Client(), "/openapi/v1.json");

        document["components"]!["securitySchemes"].ShouldEqualJson("""
            {
              "apiKeyBearer": {"type": "http", "description": "An API key of the tenant (rydbox-gateway keys create …): Authorization: Bearer rbk_…", "scheme": "bearer", "bearerFormat": "rbk_{id}_{secret}"},
              "apiKeyHeader": {"type": "apiKey", "description": "The same API key in the X-Api-Key header.", "name": "X-Api-Key", "in": "header"}
            }
            """);
        foreach ((string path, JsonNode? item) in document["paths"]!.AsObject())
        foreach ((string method, JsonNode? operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete"))
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                operation!["security"].ShouldEqualJson("""[{"apiKeyBearer": []}, {"apiKeyHeader": []}]""");
                operation["responses"]!["401"].Should().NotBeNull($"{method} {path}");
            }
            else
            {
                operation!["security"].Should().BeNull($"{method} {path} needs no key");
            }
        }
    }

    [Fact]
    public async Task Telemetry_documents_its_parameters_and_both_formats()
    {
        JsonNode document = await OkAsync(gateway.Client(), "/openapi/v1.json");
        JsonNode telemetry = document["paths"]!["/api/v1/vehicles/{id}/telemetry"]!["get"]!;

        JsonNode[] parameters = [.. telemetry["parameters"]!.AsArray().Select(p => p!)];
        parameters.Select(p => (string?)p["name"]).Should().Equal("id", "from", "to", "fields", "every", "agg", "format");
        parameters.Should().OnlyContain(p => !string.IsNullOrEmpty((string?)p["description"]));
        telemetry["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo("application/json", "text/csv");
        telemetry["responses"]!["400"]!["content"]!.AsObject().Select(c => c.Key).Should().Contain("application/problem+json");
        document["paths"]!["/api/v1/vehicles/{id}/track"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key)
            .Should().Equal("application/geo+json");
    }
}
