using System.Text.Json.Nodes;
using static RydBox.Gateway.Tests.Api.ApiJson;

namespace RydBox.Gateway.Tests.Events.Logbook;

/// <summary>The logbook's operations are in the OpenAPI document, keyed, with their answers.</summary>
[Collection(LogbookCollection.Name)]
public sealed class LogbookOpenApiTests(LogbookGateway gateway)
{
    [Fact]
    public async Task Every_logbook_operation_is_documented_with_the_api_key_and_its_answers()
    {
        JsonNode paths = (await OkAsync(gateway.Client(), "/openapi/v1.json"))["paths"]!;

        var operations = new (string Path, string Method, string[] Statuses)[]
        {
            ("/api/v1/vehicles/{id}/trips", "get", ["200", "400", "401", "404"]),
            ("/api/v1/vehicles/{id}/trips.csv", "get", ["200", "400", "401", "404"]),
            ("/api/v1/vehicles/{id}/trips/{tripKey}/classification", "put", ["200", "400", "401", "404", "409"]),
            ("/api/v1/vehicles/{id}/trips/{tripKey}/history", "get", ["200", "401", "404"]),
            ("/api/v1/vehicles/{id}/logbook/verify", "get", ["200", "401", "404"]),
        };
        foreach ((string path, string method, string[] statuses) in operations)
        {
            JsonNode operation = paths[path]?[method] ?? throw new Xunit.Sdk.XunitException($"{method} {path} is not documented");
            operation["security"].ShouldEqualJson("""[{"apiKeyBearer": []}, {"apiKeyHeader": []}]""");
            operation["responses"]!.AsObject().Select(r => r.Key).Should().BeEquivalentTo(statuses, path);
            ((string?)operation["summary"]).Should().NotBeNullOrEmpty(path);
            (operation["parameters"]?.AsArray() ?? []).Should().OnlyContain(p => !string.IsNullOrEmpty((string?)p!["description"]), path);
        }

        paths["/api/v1/vehicles/{id}/trips"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo("application/json", "text/csv");
        paths["/api/v1/vehicles/{id}/trips/{tripKey}/classification"]!["put"]!["requestBody"]!["content"]!["application/json"].Should().NotBeNull();
    }
}
