using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Support;
using static RydBox.Gateway.Tests.Events.Api.EventApiRig;
using static RydBox.Gateway.Tests.Events.Api.Http;

namespace RydBox.Gateway.Tests.Events.Api;

[Collection(EventApiCollection.Name)]
public sealed class WebhookApiTests(EventApiRig rig)
{
    [Fact]
    public async Task The_secret_is_shown_when_added_and_rotated_and_never_listed()
    {
        JsonNode added = (await Post(rig.A, "/api/v1/webhooks", """{"url": "https://partner.example/hooks/rydbox", "kinds": ["towing", "geofence"]}""")).Expect(HttpStatusCode.Created)!;
        string id = (string)added["id"]!;
        string secret = (string)added["secret"]!;

        id.Should().MatchRegex("^wh_[a-z0-9]{12}$");
        secret.Should().MatchRegex("^whsec_[A-Za-z0-9]{32}$");
        added["kinds"]!.ToJsonString().Should().Be("""["geofence","towing"]""");
        ((bool)added["enabled"]!).Should().BeTrue();
        rig.Gateway.Scalar<string>("SELECT secret FROM webhooks WHERE id = $id", ("$id", id)).Should().Be(secret, "deliveries are signed with the secret handed out");

        var listed = await Get(rig.A, "/api/v1/webhooks");
        JsonNode listedHook = listed.Expect(HttpStatusCode.OK)!["webhooks"]!.AsArray().Single(w => (string?)w!["id"] == id)!;
        ((string?)listedHook["url"]).Should().Be("https://partner.example/hooks/rydbox");
        listedHook.AsObject().Select(p => p.Key).Should().Equal("id", "url", "kinds", "enabled", "created");
        (await listed.Response.Content.ReadAsStringAsync()).Should().NotContain("whsec_");
        (await Get(rig.A, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.OK)!.ToJsonString().Should().NotContain(secret);

        JsonNode rotated = (await Post(rig.A, $"/api/v1/webhooks/{id}/rotate-secret", "")).Expect(HttpStatusCode.OK)!;
        string newSecret = (string)rotated["secret"]!;
        newSecret.Should().StartWith("whsec_").And.NotBe(secret);
        rig.Gateway.Scalar<string>("SELECT secret FROM webhooks WHERE id = $id", ("$id", id)).Should().Be(newSecret);

        (await Delete(rig.A, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.NoContent);
        (await Get(rig.A, "/api/v1/webhooks")).Expect(HttpStatusCode.OK)!["webhooks"]!.AsArray().Select(w => (string?)w!["id"]).Should().NotContain(id);
        (await Delete(rig.A, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"url": "ftp://partner.example/x"}""", "absolute http:// or https:// URL")]
    [InlineData("""{"url": "https://user:pw@partner.example/x"}""", "may not carry a user name or password")]
    [InlineData("""{}""", "absolute http:// or https:// URL")]
    [InlineData("""{"url": "https://partner.example/x", "kinds": ["parking"]}""", "\"parking\" is not an event kind")]
    [InlineData("""{"url": 5}""", "not the JSON object expected at $.url")]
    public async Task A_webhook_that_cannot_be_delivered_to_is_a_400(string body, string because)
    {
        long before = rig.Gateway.Count("webhooks");

        (await Post(rig.A, "/api/v1/webhooks", body)).ShouldBeRefusedWith(because);

        rig.Gateway.Count("webhooks").Should().Be(before);
    }

    [Fact]
    public async Task Another_tenant_cannot_see_rotate_or_remove_a_tenants_webhook()
    {
        string id = (string)(await Post(rig.A, "/api/v1/webhooks", """{"url": "https://a.example/hook"}""")).Expect(HttpStatusCode.Created)!["id"]!;

        (await Get(rig.B, "/api/v1/webhooks")).Expect(HttpStatusCode.OK)!["webhooks"]!.AsArray().Select(w => (string?)w!["id"]).Should().NotContain(id);
        (await Get(rig.B, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.NotFound);
        (await Post(rig.B, $"/api/v1/webhooks/{id}/rotate-secret", "")).Expect(HttpStatusCode.NotFound);
        (await Delete(rig.B, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.NotFound);

        (await Get(rig.A, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.OK);
        (await Delete(rig.A, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_delivery_that_failed_is_listed_with_why_and_can_be_retried_by_its_tenant_only()
    {
        string url = $"http://127.0.0.1:{UnusedPort()}/hook";
        string id = (string)(await Post(rig.A, "/api/v1/webhooks", $$"""{"url": "{{url}}", "kinds": ["towing"]}""")).Expect(HttpStatusCode.Created)!["id"]!;
        var towing = new TowingEvent(1_900_000_000_000, null, new Place(52.52, 13.405), null, [], true);
        rig.Service<WebhookQueue>().Enqueue([new EventNotification(TenantA, CarA1, towing, EventChange.Started, DateTimeOffset.UtcNow)]).Should().Be(1);

        // The gateway's own worker tries once (MaxAttempts 1 in the rig): nobody listens on the port.
        JsonNode? failed = null;
        TestGateway.WaitUntil(() => (failed = FailedOf(id)) is not null).Should().BeTrue("the worker gives up after one attempt");
        long deliveryId = (long)failed!["id"]!;
        ((string?)failed["status"]).Should().Be("failed");
        ((int)failed["attempts"]!).Should().Be(1);
        failed["lastStatusCode"].Should().BeNull("nothing answered");
        ((string?)failed["lastError"]).Should().NotBeNullOrEmpty();
        ((string?)failed["device"]).Should().Be(CarA1);
        ((string?)failed["notificationId"]).Should().Be($"{CarA1}/{towing.Key}/started");
        ((string?)failed["body"]!["event"]!["kind"]).Should().Be("towing");
        (await Get(rig.B, "/api/v1/webhooks/deliveries?status=failed")).Expect(HttpStatusCode.OK)!["deliveries"]!.AsArray().Should().BeEmpty();
        (await Post(rig.B, $"/api/v1/webhooks/deliveries/{deliveryId}/retry", "")).Expect(HttpStatusCode.NotFound);

        // Paused, so the answer is what the retry did, not already the worker's next attempt.
        rig.Service<WebhookRegistry>().SetEnabled(TenantA, id, enabled: false);
        JsonNode retried = (await Post(rig.A, $"/api/v1/webhooks/deliveries/{deliveryId}/retry", "")).Expect(HttpStatusCode.OK)!;
        ((string?)retried["status"]).Should().Be("pending");
        ((int)retried["attempts"]!).Should().Be(0);
        FailedOf(id).Should().BeNull();
        rig.Service<WebhookRegistry>().SetEnabled(TenantA, id, enabled: true);
        TestGateway.WaitUntil(() => FailedOf(id) is not null).Should().BeTrue("the retry was attempted and failed again");

        (await Get(rig.A, "/api/v1/webhooks/deliveries?status=sent")).ShouldBeRefusedWith("not a delivery status");
        (await Post(rig.A, "/api/v1/webhooks/deliveries/999999999/retry", "")).Expect(HttpStatusCode.NotFound);
        (await Post(rig.A, "/api/v1/webhooks/deliveries/abc/retry", "")).ShouldBeRefusedWith("not a record id");
        (await Delete(rig.A, $"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.NoContent);
    }

    private JsonNode? FailedOf(string webhookId) =>
        Get(rig.A, $"/api/v1/webhooks/deliveries?status=failed&webhook={webhookId}").GetAwaiter().GetResult().Expect(HttpStatusCode.OK)!["deliveries"]!.AsArray().SingleOrDefault();

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
