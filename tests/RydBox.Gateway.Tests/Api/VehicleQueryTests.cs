using System.Net;
using System.Text.Json.Nodes;
using static RydBox.Gateway.Tests.Api.ApiJson;
using static RydBox.Gateway.Tests.Api.FleetSeed;

namespace RydBox.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class VehicleQueryTests(SeededGateway gateway)
{
    private readonly HttpClient _a = gateway.Client(gateway.Seed.KeyA);

    [Fact]
    public async Task Vehicles_lists_the_tenants_vehicles_with_vin_online_and_last_seen()
    {
        JsonNode body = await OkAsync(_a, "/api/v1/vehicles");

        // car-a1: VIN from its status message, last seen at its latest event (T0+2h).
        body.ShouldEqualJson($$"""
            {"vehicles": [
              {"id": "car-a1", "name": "Delivery van 1", "vin": "WVWZZZ1JZXW000001", "online": true, "lastSeen": "{{Iso(T0 + 7_200_000)}}", "firmware": "1.4.2", "revoked": false},
              {"id": "car-a2", "name": null, "vin": null, "online": false, "lastSeen": null, "firmware": null, "revoked": false}
            ]}
            """);
    }

    [Fact]
    public async Task A_vehicle_by_id_is_the_same_record_the_list_shows()
    {
        JsonNode vehicle = await OkAsync(gateway.Client(gateway.Seed.KeyB), "/api/v1/vehicles/car-b1");

        vehicle.ShouldEqualJson($$"""
            {"id": "car-b1", "name": "Other van", "vin": "VF1AAAAA555000002", "online": false, "lastSeen": "{{Iso(T0 + 30_000)}}", "firmware": "1.3.0", "revoked": true}
            """);
    }

    [Fact]
    public async Task Latest_is_the_on_board_computer_with_names_units_position_and_status()
    {
        JsonNode body = await OkAsync(_a, "/api/v1/vehicles/car-a1/latest");

        body.ShouldEqualJson($$"""
            {
              "vehicleId": "car-a1", "name": "Delivery van 1", "vin": "WVWZZZ1JZXW000001", "online": true,
              "lastSeen": "{{Iso(T0 + 7_200_000)}}", "firmware": "1.4.2", "protocol": "ISO 15765-4 (CAN 11/500)",
              "position": {"latitude": 48.13, "longitude": 11.57, "time": "{{Iso(T0 + 3_600_000)}}"},
              "signals": [
                {"id": 1, "name": "latitude", "unit": "deg", "value": 48.13, "raw": 481300000, "time": "{{Iso(T0 + 3_600_000)}}"},
                {"id": 2, "name": "longitude", "unit": "deg", "value": 11.57, "raw": 115700000, "time": "{{Iso(T0 + 3_600_000)}}"},
                {"id": 8, "name": "supply_voltage", "unit": "V", "value": 14.123, "raw": 14123, "time": "{{Iso(T0)}}"},
                {"id": {{Rpm}}, "name": "engine_rpm", "unit": "rpm", "value": 2400, "raw": 9600, "time": "{{Iso(T0 + 160_000)}}"},
                {"id": {{Speed}}, "name": "vehicle_speed", "unit": "km/h", "value": 42, "raw": 42, "time": "{{Iso(T0 + 3_600_000)}}"}
              ]
            }
            """);
    }

    [Fact]
    public async Task Latest_of_a_vehicle_never_heard_from_is_empty_and_offline()
    {
        JsonNode body = await OkAsync(_a, "/api/v1/vehicles/car-a2/latest");

        body.ShouldEqualJson("""
            {"vehicleId": "car-a2", "name": null, "vin": null, "online": false, "lastSeen": null, "firmware": null, "protocol": null, "position": null, "signals": []}
            """);
    }

    [Fact]
    public async Task Events_in_a_range_come_in_time_order_with_decoded_type_names()
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/events?from={Iso(T0)}&to={Iso(T0 + 3_600_000)}");

        // The low-battery event at T0+2h lies outside; type 99 is a code this gateway does not know.
        body.ShouldEqualJson($$"""
            {"vehicleId": "car-a1", "from": "{{Iso(T0)}}", "to": "{{Iso(T0 + 3_600_000)}}", "events": [
              {"sequence": 100, "type": "ignition_on", "typeCode": 1, "time": "{{Iso(T0)}}", "position": {"latitude": 48.1234567, "longitude": 11.5678901}, "value": 0, "detail": null},
              {"sequence": 101, "type": "dtc_set", "typeCode": 5, "time": "{{Iso(T0 + 60_000)}}", "position": null, "value": 0, "detail": "P0301"},
              {"sequence": 102, "type": "unknown_99", "typeCode": 99, "time": "{{Iso(T0 + 100_000)}}", "position": null, "value": 7, "detail": null}
            ]}
            """);
    }

    [Fact]
    public async Task Events_from_is_inclusive_and_to_exclusive()
    {
        JsonNode body = await OkAsync(_a, $"/api/v1/vehicles/car-a1/events?from={T0 + 60_000}&to={T0 + 7_200_000}");

        body["events"]!.AsArray().Select(e => (long)e!["sequence"]!).Should().Equal(101, 102);
    }

    [Fact]
    public async Task Dead_letters_are_the_tenants_newest_first_with_payload_in_base64()
    {
        JsonNode body = await OkAsync(_a, "/api/v1/dead-letters");

        JsonArray letters = body["deadLetters"]!.AsArray();
        letters.Should().HaveCount(2);
        long newest = (long)letters[0]!["id"]!;
        body.ShouldEqualJson($$"""
            {"deadLetters": [
              {"id": {{newest}}, "receivedAt": "{{Iso(T0 + 6_000)}}", "deviceId": "car-a1", "topic": "rydbox/v1/car-a1/event", "reason": "Oversized", "detail": "event: 70000 bytes, more than 65536", "payloadBytes": 4, "payload": "AQIDBA=="},
              {"id": {{newest - 1}}, "receivedAt": "{{Iso(T0 + 5_000)}}", "deviceId": "car-a1", "topic": "rydbox/v1/car-a1/telemetry", "reason": "Malformed", "detail": "telemetry: not a CBOR map", "payloadBytes": 3, "payload": "oQD/"}
            ]}
            """);
    }

    [Fact]
    public async Task Dead_letters_page_back_with_limit_and_before()
    {
        JsonNode first = await OkAsync(_a, "/api/v1/dead-letters?limit=1");
        long id = (long)first["deadLetters"]![0]!["id"]!;

        JsonNode next = await OkAsync(_a, $"/api/v1/dead-letters?limit=1&before={id}");

        first["deadLetters"]!.AsArray().Should().ContainSingle();
        next["deadLetters"]!.AsArray().Select(l => (string)l!["reason"]!).Should().Equal("Malformed");
        (await OkAsync(_a, $"/api/v1/dead-letters?before={id - 1}"))["deadLetters"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_paths_under_the_api_are_404_problems()
    {
        (HttpStatusCode status, string? mediaType, _) = await GetAsync(_a, "/api/v1/nothing-here");

        status.Should().Be(HttpStatusCode.NotFound);
        mediaType.Should().Be("application/problem+json");
    }
}
