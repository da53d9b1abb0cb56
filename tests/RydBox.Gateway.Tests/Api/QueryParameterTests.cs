using System.Net;
using System.Text.Json.Nodes;
using static RydBox.Gateway.Tests.Api.ApiJson;
using static RydBox.Gateway.Tests.Api.FleetSeed;

namespace RydBox.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class QueryParameterTests(SeededGateway gateway)
{
    private readonly HttpClient _a = gateway.Client(gateway.Seed.KeyA);

    [Theory]
    [InlineData("telemetry?from=yesterday", "from", "ISO 8601")]
    [InlineData("telemetry?to=2025-13-01T00:00:00Z", "to", "ISO 8601")]
    [InlineData("telemetry?from=2025-03-01T11:00:00Z&to=2025-03-01T10:00:00Z", "from", "must be before to")]
    [InlineData("telemetry?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z", "from", "limit of 31 days")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-02&every=1w", "every", "ms, s, m, h or d")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-02&every=0s", "every", "positive")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-02&every=1m&agg=median", "agg", "mean, min, max or last")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-02&agg=max", "agg", "give every=")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-02&format=xml", "format", "json or csv")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-02&fields=engine_rpm,warp_factor", "fields", "'warp_factor' is not a signal")]
    [InlineData("telemetry?from=2025-03-01&to=2025-03-31&every=1s", "every", "more than the limit of 100000")]
    [InlineData("track?from=99999999999999999999", "from", "outside the unix milliseconds")]
    [InlineData("events?from=2025-03-01T10:00:00Z&to=2025-03-01T10:00:00Z", "from", "must be before to")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it_and_why(string query, string parameter, string why)
    {
        (HttpStatusCode status, string? mediaType, JsonNode? body) = await GetAsync(_a, $"/api/v1/vehicles/car-a1/{query}");

        status.Should().Be(HttpStatusCode.BadRequest);
        mediaType.Should().Be("application/problem+json");
        ((string?)body!["parameter"]).Should().Be(parameter);
        ((string?)body["detail"]).Should().StartWith(parameter + ": ").And.Contain(why);
        ((int?)body["status"]).Should().Be(400);
    }

    [Theory]
    [InlineData("limit=0", "1 to 1000")]
    [InlineData("limit=1001", "1 to 1000")]
    [InlineData("limit=ten", "1 to 1000")]
    [InlineData("before=last", "record id")]
    public async Task Dead_letter_paging_parameters_are_checked(string query, string why)
    {
        (HttpStatusCode status, _, JsonNode? body) = await GetAsync(_a, $"/api/v1/dead-letters?{query}");

        status.Should().Be(HttpStatusCode.BadRequest);
        ((string?)body!["detail"]).Should().Contain(why);
    }

    [Theory]
    [InlineData("2025-03-01T10:00:10Z")]
    [InlineData("2025-03-01T10:00:10.000Z")]
    [InlineData("2025-03-01T11:00:10%2B01:00")]
    [InlineData("2025-03-01T11:00:10+01:00")] // an unescaped + arrives as a space
    [InlineData("2025-03-01T10:00:10")]
    [InlineData("1740823210000")]
    public async Task Times_are_iso_8601_in_any_offset_or_unix_milliseconds(string from)
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?from={from}&to={T0 + 30_000}&fields=vehicle_speed");

        ((string?)body["from"]).Should().Be(Iso(T0 + 10_000));
        body["rows"]!.AsArray().Select(r => (string?)r!["time"]).Should().Equal(Iso(T0 + 10_000), Iso(T0 + 20_000));
    }

    [Fact]
    public async Task A_date_alone_is_midnight_utc()
    {
        JsonNode body = await OkAsync(_a, "/api/v1/vehicles/car-a1/events?from=2025-03-01&to=2025-03-02");

        ((string?)body["from"]).Should().Be("2025-03-01T00:00:00Z");
        body["events"]!.AsArray().Should().HaveCount(4);
    }
}

/// <summary>A gateway whose answers may hold 10 rows at most, to see the row limits refuse clearly.</summary>
public sealed class LimitedGateway() : SeededGateway(new Dictionary<string, string?> { ["RydBox:Api:Query:MaxRows"] = "10" });

public sealed class QueryLimitTests(LimitedGateway gateway) : IClassFixture<LimitedGateway>
{
    private readonly HttpClient _a = gateway.Client(gateway.Seed.KeyA);

    [Theory]
    [InlineData("telemetry", "to", "more than 10 samples")]
    [InlineData("telemetry?every=10s", "every", "more than the limit of 10")]
    [InlineData("track", "to", "more than 10 positions")]
    public async Task More_rows_than_the_limit_is_a_400_saying_how_to_narrow(string query, string parameter, string why)
    {
        string range = $"from={Iso(T0)}&to={Iso(T0 + 180_000)}";
        (HttpStatusCode status, _, JsonNode? body) = await GetAsync(_a, $"/api/v1/vehicles/car-a1/{query}{(query.Contains('?') ? '&' : '?')}{range}");

        status.Should().Be(HttpStatusCode.BadRequest);
        ((string?)body!["parameter"]).Should().Be(parameter);
        ((string?)body["detail"]).Should().Contain(why);
    }

    [Fact]
    public async Task Exactly_the_limit_is_answered()
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?from={Iso(T0)}&to={Iso(T0 + 100_000)}&fields=vehicle_speed");

        body["rows"]!.AsArray().Should().HaveCount(10);
    }
}
