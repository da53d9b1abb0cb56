using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using static RydBox.Gateway.Tests.Events.Api.EventApiRig;
using static RydBox.Gateway.Tests.Events.Api.Http;

namespace RydBox.Gateway.Tests.Events.Api;

[Collection(EventApiCollection.Name)]
public sealed class RuleApiTests(EventApiRig rig)
{
    [Fact]
    public async Task A_circle_geofence_is_added_read_listed_and_removed()
    {
        var added = Post(rig.A, "/api/v1/geofences", """{"name": "School", "circle": {"latitude": 52.52, "longitude": 13.405, "radiusMetres": 150}}""");
        JsonNode fence = (await added).Expect(HttpStatusCode.Created)!;
        string id = (string)fence["id"]!;

        id.Should().MatchRegex("^gf_[a-z0-9]{12}$");
        (await added).Response.Headers.Location!.ToString().Should().Be($"/api/v1/geofences/{id}");
        fence["created"] = null;
        fence.ToJsonString().Should().Be(
            $$"""{"id":"{{id}}","name":"School","vehicle":null,"shape":"circle","circle":{"latitude":52.52,"longitude":13.405,"radiusMetres":150},"polygon":null,"created":null}""");
        JsonNode read = (await Get(rig.A, $"/api/v1/geofences/{id}")).Expect(HttpStatusCode.OK)!;
        ((string)read["name"]!).Should().Be("School");
        ((DateTime)read["created"]!).Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        (await Get(rig.A, "/api/v1/geofences")).Expect(HttpStatusCode.OK)!["geofences"]!.AsArray().Select(f => (string?)f!["id"]).Should().Contain(id);

        (await Delete(rig.A, $"/api/v1/geofences/{id}")).Expect(HttpStatusCode.NoContent);
        (await Get(rig.A, $"/api/v1/geofences/{id}")).Expect(HttpStatusCode.NotFound);
        (await Delete(rig.A, $"/api/v1/geofences/{id}")).Expect(HttpStatusCode.NotFound);
        rig.Gateway.Count("geofences", "id = $id", ("$id", id)).Should().Be(0);
    }

    [Fact]
    public async Task A_vehicles_polygon_is_stored_as_the_detectors_geofence_with_the_row_id()
    {
        JsonNode fence = (await Post(rig.A, "/api/v1/geofences", $$"""
            {"name": "Depot", "vehicle": "{{CarA2}}", "polygon": [[48.1, 11.5], [48.1, 11.6], [48.2, 11.6], [48.2, 11.5]]}
            """)).Expect(HttpStatusCode.Created)!;
        string id = (string)fence["id"]!;

        ((string?)fence["vehicle"]).Should().Be(CarA2);
        ((string?)fence["shape"]).Should().Be("polygon");
        fence["polygon"]!.ToJsonString().Should().Be("[[48.1,11.5],[48.1,11.6],[48.2,11.6],[48.2,11.5]]");
        rig.Gateway.Scalar<string>("SELECT device_id FROM geofences WHERE id = $id", ("$id", id)).Should().Be(CarA2);
        Geofence stored = JsonSerializer.Deserialize<Geofence>(rig.Gateway.Scalar<string>("SELECT definition FROM geofences WHERE id = $id", ("$id", id))!, EventJson.Options)!;
        stored.Id.Should().Be(id, "a GeofenceEvent's FenceId names the row");
        stored.Shape.Should().Be(GeofenceShape.Polygon);
        stored.Vertices.Should().Equal(new Place(48.1, 11.5), new Place(48.1, 11.6), new Place(48.2, 11.6), new Place(48.2, 11.5));
        stored.Contains(new Place(48.15, 11.55)).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"name": "x", "circle": {"latitude": 52.5, "longitude": 13.4, "radiusMetres": 0}}""", "the radius must be more than 0 m")]
    [InlineData("""{"name": "x", "polygon": [[52.5, 13.4], [52.6, 13.5]]}""", "a polygon needs at least 3 vertices (got 2)")]
    [InlineData("""{"name": "x", "polygon": [[52.5, 13.4], [52.6], [52.6, 13.5]]}""", "vertex 1 must be [latitude, longitude]")]
    [InlineData("""{"name": "x", "circle": {"latitude": 95, "longitude": 13.4, "radiusMetres": 10}}""", "outside -90..90")]
    [InlineData("""{"name": "x", "circle": {"longitude": 13.4, "radiusMetres": 10}}""", "the circle needs a latitude")]
    [InlineData("""{"name": "x"}""", "needs a circle")]
    [InlineData("""{"name": "  ", "circle": {"latitude": 52.5, "longitude": 13.4, "radiusMetres": 10}}""", "needs a name")]
    [InlineData("""{"name": "x", "circle": {"latitude": 52.5, "longitude": 13.4, "radiusMetres": 10}, "polygon": [[1, 2], [2, 3], [3, 1]]}""", "not both")]
    [InlineData("""{"name": "x", "circle": {"latitude": "north"}}""", "not the JSON object expected at $.circle.latitude")]
    [InlineData("""not json""", "not the JSON object expected")]
    public async Task A_geofence_the_detector_could_not_use_is_a_400_that_says_why_and_stores_nothing(string body, string because)
    {
        long before = rig.Gateway.Count("geofences");

        (await Post(rig.A, "/api/v1/geofences", body)).ShouldBeRefusedWith(because);

        rig.Gateway.Count("geofences").Should().Be(before);
    }

    [Fact]
    public async Task A_curfew_is_added_with_days_in_week_order_listed_and_removed()
    {
        JsonNode curfew = (await Post(rig.A, "/api/v1/curfews", $$"""
            {"name": "School nights", "vehicle": "{{CarA1}}", "days": ["Friday", "monday", "mon"], "start": "22:00", "end": "6:30", "timeZone": "Europe/Berlin"}
            """)).Expect(HttpStatusCode.Created)!;
        string id = (string)curfew["id"]!;

        id.Should().MatchRegex("^cf_[a-z0-9]{12}$");
        curfew["created"] = null;
        curfew.ToJsonString().Should().Be(
            $$"""{"id":"{{id}}","name":"School nights","vehicle":"car-a1","days":["monday","friday"],"start":"22:00","end":"06:30","timeZone":"Europe/Berlin","created":null}""");
        CurfewWindow stored = JsonSerializer.Deserialize<CurfewWindow>(rig.Gateway.Scalar<string>("SELECT definition FROM curfews WHERE id = $id", ("$id", id))!, EventJson.Options)!;
        stored.Days.Should().Equal(DayOfWeek.Monday, DayOfWeek.Friday);
        stored.Start.Should().Be(new TimeOnly(22, 0));
        stored.End.Should().Be(new TimeOnly(6, 30));
        (await Get(rig.A, $"/api/v1/curfews?vehicle={CarA1}")).Expect(HttpStatusCode.OK)!["curfews"]!.AsArray().Select(c => (string?)c!["id"]).Should().Contain(id);
        (await Get(rig.A, $"/api/v1/curfews?vehicle={CarA2}")).Expect(HttpStatusCode.OK)!["curfews"]!.AsArray().Select(c => (string?)c!["id"]).Should().NotContain(id);
        (await Get(rig.A, $"/api/v1/curfews/{id}")).Expect(HttpStatusCode.OK);

        (await Delete(rig.A, $"/api/v1/curfews/{id}")).Expect(HttpStatusCode.NoContent);
        (await Get(rig.A, $"/api/v1/curfews/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name": "n", "days": ["monday"], "start": "22:00", "end": "06:00", "timeZone": "Mars/Olympus_Mons"}""", "unknown time zone 'Mars/Olympus_Mons'")]
    [InlineData("""{"name": "n", "days": ["funday"], "start": "22:00", "end": "06:00", "timeZone": "Europe/Berlin"}""", "\"funday\" is not a day")]
    [InlineData("""{"name": "n", "days": ["1"], "start": "22:00", "end": "06:00", "timeZone": "Europe/Berlin"}""", "\"1\" is not a day")]
    [InlineData("""{"name": "n", "days": [], "start": "22:00", "end": "06:00", "timeZone": "Europe/Berlin"}""", "at least one day")]
    [InlineData("""{"name": "n", "days": ["monday"], "start": "25:00", "end": "06:00", "timeZone": "Europe/Berlin"}""", "start \"25:00\" is not a time of day")]
    [InlineData("""{"name": "n", "days": ["monday"], "start": "22:00", "end": "22:00", "timeZone": "Europe/Berlin"}""", "give it a length")]
    [InlineData("""{"name": "n", "days": ["monday"], "start": "22:00", "end": "06:00"}""", "needs a time zone")]
    [InlineData("""{"days": ["monday"], "start": "22:00", "end": "06:00", "timeZone": "Europe/Berlin"}""", "needs a name")]
    public async Task A_curfew_the_detector_could_not_use_is_a_400_that_says_why(string body, string because)
    {
        long before = rig.Gateway.Count("curfews");

        (await Post(rig.A, "/api/v1/curfews", body)).ShouldBeRefusedWith(because);

        rig.Gateway.Count("curfews").Should().Be(before);
    }

    [Fact]
    public async Task Listing_for_a_vehicle_gives_the_tenant_wide_fences_and_its_own_only()
    {
        string everyone = await AddCircle(rig.A, null);
        string mine = await AddCircle(rig.A, CarA1);
        string sibling = await AddCircle(rig.A, CarA2);

        string?[] forCar = [.. (await Get(rig.A, $"/api/v1/geofences?vehicle={CarA1}")).Expect(HttpStatusCode.OK)!["geofences"]!.AsArray().Select(f => (string?)f!["id"])];
        string?[] all = [.. (await Get(rig.A, "/api/v1/geofences")).Expect(HttpStatusCode.OK)!["geofences"]!.AsArray().Select(f => (string?)f!["id"])];

        forCar.Should().Contain([everyone, mine]).And.NotContain(sibling).And.BeInAscendingOrder(StringComparer.Ordinal);
        all.Should().Contain([everyone, mine, sibling]);
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_remove_a_tenants_rules_nor_name_its_vehicles()
    {
        string fence = await AddCircle(rig.A, null);
        string curfew = (string)(await Post(rig.A, "/api/v1/curfews", """{"name": "n", "days": ["monday"], "start": "22:00", "end": "06:00", "timeZone": "UTC"}""")).Expect(HttpStatusCode.Created)!["id"]!;

        (await Get(rig.B, $"/api/v1/geofences/{fence}")).Expect(HttpStatusCode.NotFound);
        (await Delete(rig.B, $"/api/v1/geofences/{fence}")).Expect(HttpStatusCode.NotFound);
        (await Get(rig.B, $"/api/v1/curfews/{curfew}")).Expect(HttpStatusCode.NotFound);
        (await Delete(rig.B, $"/api/v1/curfews/{curfew}")).Expect(HttpStatusCode.NotFound);
        (await Get(rig.B, "/api/v1/geofences")).Expect(HttpStatusCode.OK)!["geofences"]!.AsArray().Select(f => (string?)f!["id"]).Should().NotContain(fence);
        (await Get(rig.B, "/api/v1/curfews")).Expect(HttpStatusCode.OK)!["curfews"]!.AsArray().Should().BeEmpty();
        (await Get(rig.B, $"/api/v1/geofences?vehicle={CarA1}")).Expect(HttpStatusCode.NotFound);
        (await Post(rig.B, "/api/v1/geofences", $$$"""{"name": "spy", "vehicle": "{{{CarA1}}}", "circle": {"latitude": 1, "longitude": 1, "radiusMetres": 5}}""")).Expect(HttpStatusCode.NotFound);
        (await Post(rig.A, "/api/v1/geofences", """{"name": "ghost", "vehicle": "no-such-car", "circle": {"latitude": 1, "longitude": 1, "radiusMetres": 5}}""")).Expect(HttpStatusCode.NotFound);

        (await Get(rig.A, $"/api/v1/geofences/{fence}")).Expect(HttpStatusCode.OK);
        (await Get(rig.A, $"/api/v1/curfews/{curfew}")).Expect(HttpStatusCode.OK);
        (await Get(new HttpClient { BaseAddress = rig.Gateway.ApiAddress }, "/api/v1/geofences")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_new_operations()
    {
        JsonNode document = (await Get(new HttpClient { BaseAddress = rig.Gateway.ApiAddress }, "/openapi/v1.json")).Expect(HttpStatusCode.OK)!;
        JsonObject paths = document["paths"]!.AsObject();

        paths.Select(p => p.Key).Should().Contain(
            "/api/v1/events", "/api/v1/vehicles/{id}/vehicle-events", "/api/v1/geofences", "/api/v1/geofences/{id}", "/api/v1/curfews", "/api/v1/curfews/{id}",
            "/api/v1/webhooks", "/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/rotate-secret", "/api/v1/webhooks/deliveries", "/api/v1/webhooks/deliveries/{id}/retry");
        ((string?)paths["/api/v1/geofences"]!["post"]!["operationId"]).Should().Be("AddGeofence");
        paths["/api/v1/geofences"]!["post"]!["requestBody"]!["content"]!["application/json"].Should().NotBeNull();
        foreach ((string path, JsonNode? item) in paths.Where(p => p.Key.StartsWith("/api/v1/webhooks", StringComparison.Ordinal) || p.Key.Contains("geofences") || p.Key.Contains("curfews")))
        {
            foreach ((string method, JsonNode? operation) in item!.AsObject())
            {
                operation!["security"]!.ToJsonString().Should().Be("""[{"apiKeyBearer":[]},{"apiKeyHeader":[]}]""", $"{method} {path} needs a key");
                operation["responses"]!["401"].Should().NotBeNull();
            }
        }

        paths["/api/v1/events"]!["get"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]).Should().Equal("vehicle", "kind", "from", "to", "limit", "includeWithdrawn");
    }

    private static async Task<string> AddCircle(HttpClient client, string? vehicle)
    {
        string scope = vehicle is null ? "" : $"\"vehicle\": \"{vehicle}\", ";
        return (string)(await Post(client, "/api/v1/geofences", $$$"""{"name": "c", {{{scope}}}"circle": {"latitude": 52.5, "longitude": 13.4, "radiusMetres": 100}}""")).Expect(HttpStatusCode.Created)!["id"]!;
    }
}
