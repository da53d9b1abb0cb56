using System.Net;
using System.Text.Json.Nodes;
using static RydBox.Gateway.Tests.Api.ApiJson;

namespace RydBox.Gateway.Tests.Api;

/// <summary>The tenant comes from the key: another tenant's vehicle is indistinguishable from one that does not exist.</summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(SeededGateway gateway)
{
    public static TheoryData<string> VehiclePaths => new()
    {
        "/api/v1/vehicles/{0}",
        "/api/v1/vehicles/{0}/latest",
        "/api/v1/vehicles/{0}/telemetry?from=2025-03-01&to=2025-03-02",
        "/api/v1/vehicles/{0}/telemetry?from=2025-03-01&to=2025-03-02&every=1m&format=csv",
        "/api/v1/vehicles/{0}/track?from=2025-03-01&to=2025-03-02",
        "/api/v1/vehicles/{0}/events?from=2025-03-01&to=2025-03-02",
    };

    public static TheoryData<string> AllPaths => new()
    {
        "/api/v1/vehicles",
        "/api/v1/vehicles/car-a1",
        "/api/v1/vehicles/car-a1/latest",
        "/api/v1/vehicles/car-a1/telemetry",
        "/api/v1/vehicles/car-a1/track",
        "/api/v1/vehicles/car-a1/events",
        "/api/v1/dead-letters",
    };

    [Theory]
    [MemberData(nameof(VehiclePaths))]
    public async Task A_key_of_tenant_a_gets_404_for_tenant_bs_vehicle_exactly_as_for_no_vehicle(string path)
    {
        HttpClient a = gateway.Client(gateway.Seed.KeyA);

        (HttpStatusCode status, string? mediaType, JsonNode? body) = await GetAsync(a, string.Format(path, "car-b1"));
        (HttpStatusCode missingStatus, _, JsonNode? missing) = await GetAsync(a, string.Format(path, "car-zz"));
        (HttpStatusCode ownerStatus, _, _) = await GetAsync(gateway.Client(gateway.Seed.KeyB), string.Format(path, "car-b1"));

        ownerStatus.Should().Be(HttpStatusCode.OK, "tenant B's own key sees the vehicle");
        status.Should().Be(HttpStatusCode.NotFound);
        mediaType.Should().Be("application/problem+json");
        missingStatus.Should().Be(HttpStatusCode.NotFound);
        ((string?)body!["detail"]).Should().Be("no vehicle 'car-b1' for this API key");
        ((string?)body["detail"])!.Replace("car-b1", "car-zz").Should().Be((string?)missing!["detail"]);
        ((string?)body["title"]).Should().Be((string?)missing["title"]);
    }

    [Fact]
    public async Task The_vehicle_list_holds_only_the_keys_tenants_vehicles()
    {
        JsonNode a = await OkAsync(gateway.Client(gateway.Seed.KeyA), "/api/v1/vehicles");
        JsonNode b = await OkAsync(gateway.Client(gateway.Seed.KeyB), "/api/v1/vehicles");

        a["vehicles"]!.AsArray().Select(v => (string?)v!["id"]).Should().Equal("car-a1", "car-a2");
        b["vehicles"]!.AsArray().Select(v => (string?)v!["id"]).Should().Equal("car-b1");
    }

    [Fact]
    public async Task Dead_letters_hold_only_the_keys_tenants_and_never_those_of_unknown_senders()
    {
        JsonNode a = await OkAsync(gateway.Client(gateway.Seed.KeyA), "/api/v1/dead-letters");
        JsonNode b = await OkAsync(gateway.Client(gateway.Seed.KeyB), "/api/v1/dead-letters");

        a["deadLetters"]!.AsArray().Select(l => (string?)l!["deviceId"]).Should().Equal("car-a1", "car-a1");
        b["deadLetters"]!.AsArray().Select(l => (string?)l!["topic"]).Should().Equal("rydbox/v1/car-b1/status");
    }

    [Fact]
    public async Task Tenant_bs_telemetry_is_what_its_own_key_reads()
    {
        JsonNode b = await OkAsync(gateway.Client(gateway.Seed.KeyB), "/api/v1/vehicles/car-b1/telemetry?from=2025-03-01&to=2025-03-02&fields=vehicle_speed");

        b["rows"]!.AsArray().Select(r => (double)r!["values"]!["vehicle_speed"]!).Should().Equal(99, 99, 99);
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public async Task Without_a_key_every_api_endpoint_is_a_401_problem(string path)
    {
        using HttpResponseMessage response = await gateway.Client().GetAsync(path);
        JsonNode? body = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("Bearer");
        ((string?)body!["detail"]).Should().Contain("needs an API key");
    }

    [Theory]
    [InlineData("rbk_ka1_wrong-secret")]
    [InlineData("rbk_nokey_abc")]
    [InlineData("not-a-key")]
    public async Task A_wrong_or_unknown_key_is_a_401_problem(string key)
    {
        (HttpStatusCode status, string? mediaType, JsonNode? body) = await GetAsync(gateway.Client(key), "/api/v1/vehicles");

        status.Should().Be(HttpStatusCode.Unauthorized);
        mediaType.Should().Be("application/problem+json");
        ((string?)body!["detail"]).Should().Contain("unknown, revoked or malformed");
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        (HttpStatusCode status, _, _) = await GetAsync(gateway.Client(gateway.Seed.RevokedKeyA), "/api/v1/vehicles");

        status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_key_may_come_in_the_x_api_key_header()
    {
        using var client = gateway.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", gateway.Seed.KeyB);

        JsonNode body = await OkAsync(client, "/api/v1/vehicles");

        body["vehicles"]!.AsArray().Select(v => (string?)v!["id"]).Should().Equal("car-b1");
    }
}
