using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using static RydBox.Gateway.Tests.Api.ApiJson;
using static RydBox.Gateway.Tests.Api.FleetSeed;

namespace RydBox.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class TelemetryQueryTests(SeededGateway gateway)
{
    private static readonly string FirstThreeMinutes = $"from={Iso(T0)}&to={Iso(T0 + 180_000)}";

    private readonly HttpClient _a = gateway.Client(gateway.Seed.KeyA);

    [Fact]
    public async Task Raw_samples_are_every_stored_sample_in_the_range_with_every_signal()
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?{FirstThreeMinutes}");

        // What the store holds: the box's batches decoded by the contract, columns in wire id order.
        int[] columns = [SignalIds.Latitude, SignalIds.Longitude, SignalIds.SupplyVoltage, Rpm, Speed];
        var expected = new JsonObject
        {
            ["vehicleId"] = "car-a1",
            ["from"] = Iso(T0),
            ["to"] = Iso(T0 + 180_000),
            ["every"] = null,
            ["agg"] = null,
            ["fields"] = new JsonArray([.. columns.Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["name"] = SignalCatalog.Describe(id).Name,
                ["unit"] = SignalCatalog.Describe(id).Unit,
            })]),
            ["rows"] = new JsonArray([.. Decoded(CarA1Rows).Select(sample => (JsonNode)new JsonObject
            {
                ["time"] = Iso(sample.UnixMilliseconds),
                ["values"] = new JsonObject(sample.Values.Select(v => KeyValuePair.Create(v.Name, (JsonNode?)JsonValue.Create(v.Value)))),
            })]),
        };
        body.ShouldEqualJson(expected.ToJsonString());
        body["fields"]!.AsArray().Select(f => (string)f!["name"]!).Should().Equal("latitude", "longitude", "supply_voltage", "engine_rpm", "vehicle_speed");
        body["rows"]![1]!["values"]!.AsObject().Select(p => p.Key).Should().NotContain("engine_rpm", "odd rows have no rpm");
    }

    [Fact]
    public async Task To_is_exclusive_and_from_inclusive()
    {
        JsonNode until = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?from={T0 + 10_000}&to={T0 + 3_600_000}&fields=vehicle_speed");
        JsonNode including = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?from={T0 + 10_000}&to={T0 + 3_600_001}&fields=vehicle_speed");

        until["rows"]!.AsArray().Should().HaveCount(17);
        ((string?)until["rows"]![0]!["time"]).Should().Be(Iso(T0 + 10_000));
        including["rows"]!.AsArray().Should().HaveCount(18);
        ((double)including["rows"]![17]!["values"]!["vehicle_speed"]!).Should().Be(42);
    }

    [Fact]
    public async Task Fields_keep_their_order_accept_wire_ids_and_leave_out_rows_without_them()
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?{FirstThreeMinutes}&fields={Rpm},supply_voltage");

        body["fields"].ShouldEqualJson($$"""[{"id": {{Rpm}}, "name": "engine_rpm", "unit": "rpm"}, {"id": 8, "name": "supply_voltage", "unit": "V"}]""");
        JsonArray rows = body["rows"]!.AsArray();
        rows.Should().HaveCount(9, "only the even rows carry rpm or voltage");
        rows[0]!["values"].ShouldEqualJson($$"""{"engine_rpm": 800, "supply_voltage": {{SignalCatalog.Describe(SignalIds.SupplyVoltage).Scale(14123).ToString("R", CultureInfo.InvariantCulture)}}}""");
        rows[8]!["values"].ShouldEqualJson("""{"engine_rpm": 2400}""");
    }

    // Speeds per minute: 0 35 10 15 50 25 | 30 65 40 45 80 55 | 60 95 70 75 110 85; rpm on even rows 800..2400 step 200.
    [Theory]
    [InlineData("mean", new[] { 22.5, 52.5, 82.5 }, new[] { 1000.0, 1600, 2200 })]
    [InlineData("min", new[] { 0.0, 30, 60 }, new[] { 800.0, 1400, 2000 })]
    [InlineData("max", new[] { 50.0, 80, 110 }, new[] { 1200.0, 1800, 2400 })]
    [InlineData("last", new[] { 25.0, 55, 85 }, new[] { 1200.0, 1800, 2400 })]
    public async Task Downsampling_aggregates_each_signal_per_bucket(string agg, double[] speeds, double[] rpms)
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?{FirstThreeMinutes}&fields=vehicle_speed,engine_rpm&every=1m&agg={agg}");

        body.ShouldEqualJson($$"""
            {"vehicleId": "car-a1", "from": "{{Iso(T0)}}", "to": "{{Iso(T0 + 180_000)}}", "every": "1m", "agg": "{{agg}}",
             "fields": [{"id": {{Speed}}, "name": "vehicle_speed", "unit": "km/h"}, {"id": {{Rpm}}, "name": "engine_rpm", "unit": "rpm"}],
             "rows": [
               {"time": "{{Iso(T0)}}", "values": {"vehicle_speed": {{N(speeds[0])}}, "engine_rpm": {{N(rpms[0])}} } },
               {"time": "{{Iso(T0 + 60_000)}}", "values": {"vehicle_speed": {{N(speeds[1])}}, "engine_rpm": {{N(rpms[1])}} } },
               {"time": "{{Iso(T0 + 120_000)}}", "values": {"vehicle_speed": {{N(speeds[2])}}, "engine_rpm": {{N(rpms[2])}} } }
             ]}
            """);
    }

    [Fact]
    public async Task Buckets_align_to_the_epoch_not_to_from_and_mean_is_the_default()
    {
        // From T0+15s: the first bucket still starts at T0 and holds rows 2-5 only (10, 15, 50, 25 km/h).
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?from={Iso(T0 + 15_000)}&to={Iso(T0 + 180_000)}&fields=vehicle_speed&every=60s");

        ((string?)body["agg"]).Should().Be("mean");
        body["rows"].ShouldEqualJson($$"""
            [{"time": "{{Iso(T0)}}", "values": {"vehicle_speed": 25} },
             {"time": "{{Iso(T0 + 60_000)}}", "values": {"vehicle_speed": 52.5} },
             {"time": "{{Iso(T0 + 120_000)}}", "values": {"vehicle_speed": 82.5} }]
            """);
    }

    [Fact]
    public async Task Buckets_without_samples_are_left_out()
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/telemetry?from={Iso(T0)}&to={Iso(T0 + 7_200_000)}&fields=vehicle_speed&every=10m&agg=last");

        body["rows"].ShouldEqualJson($$"""
            [{"time": "{{Iso(T0)}}", "values": {"vehicle_speed": 85} },
             {"time": "{{Iso(T0 + 3_600_000)}}", "values": {"vehicle_speed": 42} }]
            """);
    }

    [Fact]
    public async Task Csv_has_a_header_row_iso_times_and_empty_cells_for_missing_values()
    {
        using HttpResponseMessage response = await _a.GetAsync($"/api/v1/vehicles/car-a1/telemetry?{FirstThreeMinutes}&fields=vehicle_speed,engine_rpm&format=csv");
        string csv = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        string[] lines = csv.Split("\r\n");
        lines.Should().HaveCount(20, "a header, 18 rows and the empty string after the last line break");
        lines[0].Should().Be("time,vehicle_speed,engine_rpm");
        lines[1].Should().Be("2025-03-01T10:00:00.000Z,0,800");
        lines[2].Should().Be("2025-03-01T10:00:10.000Z,35,");
        lines[18].Should().Be("2025-03-01T10:02:50.000Z,85,");
        lines[19].Should().BeEmpty();
    }

    [Fact]
    public async Task Accept_text_csv_asks_for_csv_and_format_json_overrides_it()
    {
        string path = $"/api/v1/vehicles/car-a1/telemetry?{FirstThreeMinutes}&fields=vehicle_speed&every=1m&agg=max";
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, path);
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, path + "&format=json");
        jsonRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using HttpResponseMessage csv = await _a.SendAsync(csvRequest);
        using HttpResponseMessage json = await _a.SendAsync(jsonRequest);

        (await csv.Content.ReadAsStringAsync()).Should().Be(
            "time,vehicle_speed\r\n2025-03-01T10:00:00.000Z,50\r\n2025-03-01T10:01:00.000Z,80\r\n2025-03-01T10:02:00.000Z,110\r\n");
        json.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        csv.Headers.Vary.Should().Contain("Accept");
    }

    [Fact]
    public async Task Track_is_a_geojson_line_string_of_longitude_latitude_with_times()
    {
        (HttpStatusCode status, string? mediaType, JsonNode? body) = await GetAsync(_a, $"/api/v1/vehicles/car-a1/track?{FirstThreeMinutes}");

        status.Should().Be(HttpStatusCode.OK);
        mediaType.Should().Be("application/geo+json");
        string coordinates = string.Join(", ", Enumerable.Range(0, 18).Select(k => $"[{Degrees(115678901 + (2000 * k))}, {Degrees(481234567 + (1000 * k))}]"));
        string times = string.Join(", ", Enumerable.Range(0, 18).Select(k => $"\"{Iso(T0 + (10_000L * k))}\""));
        body.ShouldEqualJson($$"""
            {"type": "FeatureCollection", "features": [{
              "type": "Feature",
              "geometry": {"type": "LineString", "coordinates": [{{coordinates}}]},
              "properties": {"vehicleId": "car-a1", "start": "{{Iso(T0)}}", "end": "{{Iso(T0 + 170_000)}}", "points": 18, "times": [{{times}}] }
            }]}
            """);
        ((double)body!["features"]![0]!["geometry"]!["coordinates"]![0]![1]!).Should().Be(48.1234567);
    }

    [Fact]
    public async Task A_track_with_one_fix_is_a_point_and_without_fixes_has_no_feature()
    {
        JsonNode one = await OkAsync(_a, $"/api/v1/vehicles/car-a1/track?from={T0 + 3_600_000}&to={T0 + 3_600_001}");
        JsonNode none = await OkAsync(_a, $"/api/v1/vehicles/car-a1/track?from={T0 - 60_000}&to={T0}");

        one["features"]![0]!["geometry"].ShouldEqualJson("""{"type": "Point", "coordinates": [11.57, 48.13]}""");
        none.ShouldEqualJson("""{"type": "FeatureCollection", "features": []}""");
    }

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Degrees(long e7) => (e7 / 1e7).ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<TelemetrySample> Decoded(IEnumerable<(long Time, (int Signal, long Raw)[] Values)> rows) =>
        TelemetryDecoder.Decode(Batch(CarA1, TenantA, 1, rows).Payload).Samples;
}
