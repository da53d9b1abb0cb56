using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.EndToEnd;

/// <summary>
/// The whole way: a box publishes through the gateway's own broker, and the query API answers with
/// exactly what it sent, to its tenant only.
/// </summary>
public sealed class BoxToApiTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());

    [Fact]
    public async Task What_a_box_publishes_is_what_its_tenant_queries_and_nobody_else_sees_it()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("van-1", tenantId: "acme");
        gateway.SeedTenant("rival");
        ApiKeyRegistry keys = gateway.Services.GetRequiredService<ApiKeyRegistry>();
        string acmeKey = keys.Add("acme").Key;
        string rivalKey = keys.Add("rival").Key;

        await using (TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret))
        {
            await box.PublishAsync(box.Topic(TopicKind.Status), WirePayloads.Online(vin: "WVWZZZ1JZXW000001"), retain: true);
            for (int batch = 0; batch < 3; batch++)
            {
                await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(10 + batch, Start.AddSeconds(batch * 10), rows: 10, rpmRaw: 8000 + (batch * 400)));
            }

            await box.SendAsync(TopicKind.Event, WirePayloads.Event(20, BoxEventType.IgnitionOn, Start.AddSeconds(1), detail: "voltage", value: 14100));
        }

        string range = $"from={Start.ToUnixTimeMilliseconds()}&to={Start.AddMinutes(1).ToUnixTimeMilliseconds()}";
        using HttpClient acme = Client(gateway, acmeKey);
        using JsonDocument telemetry = await Json(acme, $"api/v1/vehicles/van-1/telemetry?{range}&fields=engine_rpm,vehicle_speed");
        JsonElement[] rows = [.. telemetry.RootElement.GetProperty("rows").EnumerateArray()];
        rows.Should().HaveCount(30, "three batches of ten samples were sent");
        for (int i = 0; i < rows.Length; i++)
        {
            int batch = i / 10, row = i % 10;
            DateTimeOffset.Parse(rows[i].GetProperty("time").GetString()!, CultureInfo.InvariantCulture)
                .Should().Be(Start.AddSeconds((batch * 10) + row));
            rows[i].GetProperty("values").GetProperty("engine_rpm").GetDouble().Should().Be((8000 + (batch * 400) + (row * 4)) / 4.0);
            rows[i].GetProperty("values").GetProperty("vehicle_speed").GetDouble().Should().Be(50 + row);
        }

        using JsonDocument vehicles = await Json(acme, "api/v1/vehicles");
        JsonElement van = vehicles.RootElement.GetProperty("vehicles").EnumerateArray().Should().ContainSingle().Subject;
        van.GetProperty("vin").GetString().Should().Be("WVWZZZ1JZXW000001");
        using JsonDocument events = await Json(acme, $"api/v1/vehicles/van-1/events?{range}");
        JsonElement ignition = events.RootElement.GetProperty("events").EnumerateArray().Should().ContainSingle().Subject;
        ignition.GetProperty("type").GetString().Should().Be("ignition_on");
        ignition.GetProperty("value").GetInt64().Should().Be(14100);
        using JsonDocument latest = await Json(acme, "api/v1/vehicles/van-1/latest");
        latest.RootElement.GetProperty("signals").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "engine_rpm").GetProperty("value").GetDouble()
            .Should().Be((8000 + 800 + 36) / 4.0, "the newest sample's value");

        using HttpClient rival = Client(gateway, rivalKey);
        (await rival.GetAsync($"api/v1/vehicles/van-1/telemetry?{range}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using JsonDocument rivalVehicles = await Json(rival, "api/v1/vehicles");
        rivalVehicles.RootElement.GetProperty("vehicles").GetArrayLength().Should().Be(0);
    }

    private static HttpClient Client(TestGateway gateway, string key)
    {
        var client = new HttpClient { BaseAddress = gateway.ApiAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonDocument> Json(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
