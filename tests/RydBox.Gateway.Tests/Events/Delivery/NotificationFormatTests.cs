using System.Text;
using System.Text.Json;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Tests.Events.Delivery;

/// <summary>The JSON document, the alert topics, the signature and the backoff: pure functions.</summary>
public sealed class NotificationFormatTests
{
    [Fact]
    public void The_document_has_the_id_tenant_device_change_time_and_the_event_with_its_kind()
    {
        EventNotification notification = DeliveryRig.Towing(change: EventChange.Started);

        using JsonDocument json = JsonDocument.Parse(NotificationJson.Serialize(notification));
        JsonElement root = json.RootElement;

        root.GetProperty("id").GetString().Should().Be("box-1/towing:1700000000000/started");
        root.GetProperty("tenantId").GetString().Should().Be("tenant-a");
        root.GetProperty("deviceId").GetString().Should().Be("box-1");
        root.GetProperty("change").GetString().Should().Be("started");
        root.GetProperty("detectedAt").GetString().Should().Be("2023-11-14T22:14:50+00:00");
        JsonElement @event = root.GetProperty("event");
        @event.EnumerateObject().First().Name.Should().Be("kind", "the discriminator comes first");
        @event.GetProperty("kind").GetString().Should().Be(EventKinds.Towing);
        @event.GetProperty("startUnixMs").GetInt64().Should().Be(1_700_000_000_000);
        @event.GetProperty("endUnixMs").ValueKind.Should().Be(JsonValueKind.Null);
        @event.GetProperty("from").GetProperty("latitude").GetDouble().Should().Be(52.52);
        @event.GetProperty("raisedByBox").GetBoolean().Should().BeFalse();
        @event.TryGetProperty("key", out _).Should().BeFalse("Key, Kind and IsOpen are not serialized as properties");
    }

    [Fact]
    public void The_document_reads_back_into_the_same_notification()
    {
        EventNotification[] notifications =
        [
            DeliveryRig.Towing(change: EventChange.Ended),
            DeliveryRig.Dtc(),
            new("tenant-a", "box-2", new TripEvent(1, 2, new Place(1, 2), new Place(3, 4), 12.5, 80, 40, null, TripSource.Movement), EventChange.Ended, DateTimeOffset.UnixEpoch),
            new("tenant-a", "box-2", new GeofenceEvent(5, "f1", "Home", GeofenceTransition.Exit, new Place(1, 2)), EventChange.Instant, DateTimeOffset.UnixEpoch),
        ];

        foreach (EventNotification notification in notifications)
        {
            byte[] json = NotificationJson.Serialize(notification);
            NotificationDocument read = NotificationJson.Deserialize(json);

            read.Id.Should().Be(notification.Id);
            read.Change.Should().Be(notification.Change);
            read.Event.Should().BeOfType(notification.Event.GetType());
            read.Event.Key.Should().Be(notification.Event.Key);
            JsonSerializer.Serialize(read.Event, NotificationJson.Options).Should().Be(JsonSerializer.Serialize(notification.Event, NotificationJson.Options));
        }

        Encoding.UTF8.GetString(NotificationJson.Serialize(notifications[3])).Should().Contain("\"transition\":\"exit\"", "enums are camelCase strings");
        Encoding.UTF8.GetString(NotificationJson.Serialize(notifications[2])).Should().Contain("\"source\":\"movement\"");
    }

    [Fact]
    public void Alert_topics_name_tenant_device_and_kind_and_refuse_what_is_not_one_level()
    {
        AlertTopics.Build("tenant-a", "box-1", EventKinds.LowBattery).Should().Be("rydbox/v1/tenants/tenant-a/alerts/box-1/low_battery");
        AlertTopics.TenantFilter("tenant-a").Should().Be("rydbox/v1/tenants/tenant-a/alerts/#");
        FluentActions.Invoking(() => AlertTopics.Build("tenant/b", "box-1", "trip")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => AlertTopics.Build("tenant-a", "+", "trip")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => AlertTopics.Build("tenant-a", "box-1", "#")).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/#", true)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/box-1/#", true)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/+/towing", true)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/box-1/trip", true)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts", false)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/", false)]
    [InlineData("rydbox/v1/tenants/tenant-a/#", false)]
    [InlineData("rydbox/v1/tenants/+/alerts/#", false)]
    [InlineData("rydbox/v1/tenants/#", false)]
    [InlineData("rydbox/v1/tenants/tenant-ab/alerts/#", false)]
    [InlineData("rydbox/v1/tenants/tenant-b/alerts/#", false)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/#/x", false)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts/box+/trip", false)]
    [InlineData("rydbox/v1/tenants/tenant-a/alerts//trip", false)]
    [InlineData("$share/g/rydbox/v1/tenants/tenant-a/alerts/#", false)]
    [InlineData("rydbox/v1/box-1/cmd", false)]
    [InlineData("#", false)]
    public void A_tenant_may_read_its_own_alerts_or_narrower_only(string filter, bool allowed) =>
        AlertTopics.IsWithinTenant(filter, "tenant-a").Should().Be(allowed);

    [Fact]
    public void A_signature_verifies_with_the_secret_and_fails_for_any_change_or_an_old_timestamp()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        string signature = WebhookSignature.Sign("whsec_secret", 1_700_000_000, body);

        signature.Should().MatchRegex("^sha256=[0-9a-f]{64}$");
        WebhookSignature.Verify("whsec_secret", signature, "1700000000", body, now).Should().BeTrue();
        WebhookSignature.Verify("whsec_secret", signature, "1700000000", body, now.AddMinutes(4)).Should().BeTrue("within the default 5 minutes");
        WebhookSignature.Verify("whsec_secret", signature, "1700000000", body, now.AddMinutes(6)).Should().BeFalse("a replay after the tolerance");
        WebhookSignature.Verify("whsec_secret", signature, "1700000000", body, now.AddMinutes(6), TimeSpan.FromMinutes(10)).Should().BeTrue();
        WebhookSignature.Verify("whsec_other", signature, "1700000000", body, now).Should().BeFalse("another secret");
        WebhookSignature.Verify("whsec_secret", signature, "1700000001", body, now).Should().BeFalse("the timestamp is signed");
        WebhookSignature.Verify("whsec_secret", signature, "1700000000", Encoding.UTF8.GetBytes("{\"id\":\"y\"}"), now).Should().BeFalse("the body is signed");
        WebhookSignature.Verify("whsec_secret", signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), "1700000000", body, now).Should().BeTrue("hex case does not matter");
        WebhookSignature.Verify("whsec_secret", "sha256=zz", "1700000000", body, now).Should().BeFalse();
        WebhookSignature.Verify("whsec_secret", signature[7..], "1700000000", body, now).Should().BeFalse("the scheme is required");
        WebhookSignature.Verify("whsec_secret", null, "1700000000", body, now).Should().BeFalse();
        WebhookSignature.Verify("whsec_secret", signature, "-5", body, now).Should().BeFalse();
    }

    [Fact]
    public void The_signature_is_the_hmac_of_timestamp_dot_body()
    {
        byte[] body = Encoding.UTF8.GetBytes("{}");
        string expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("42.{}")));
        WebhookSignature.Sign("k", 42, body).Should().Be(expected);
    }

    [Fact]
    public void Retry_delays_grow_by_the_factor_with_jitter_up_to_the_maximum()
    {
        var options = new WebhookOptions();
        options.RetryDelay(1, 0.5).Should().Be(TimeSpan.FromSeconds(5));
        options.RetryDelay(2, 0.5).Should().Be(TimeSpan.FromSeconds(10));
        options.RetryDelay(4, 0.5).Should().Be(TimeSpan.FromSeconds(40));
        options.RetryDelay(1, 0).Should().Be(TimeSpan.FromSeconds(4));
        options.RetryDelay(1, 0.999).Should().BeCloseTo(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(10));
        options.RetryDelay(9, 0.999).Should().Be(TimeSpan.FromMinutes(10), "never above the maximum");
        options.RetryDelay(30, 0).Should().Be(TimeSpan.FromMinutes(8));
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative")]
    [InlineData("https://user:pass@example.com/hook")]
    [InlineData("https://example.com/hook#frag")]
    [InlineData("")]
    [InlineData("not a url")]
    public void Webhook_urls_must_be_absolute_http_or_https_without_credentials(string url) =>
        FluentActions.Invoking(() => WebhookRegistry.ValidUrl(url)).Should().Throw<IdentityException>().Which.Error.Should().Be(IdentityError.Invalid);

    [Fact]
    public void Webhook_kinds_must_be_event_kinds()
    {
        WebhookRegistry.ValidKinds(["towing", " dtc ", "towing"]).Should().Equal("dtc", "towing");
        WebhookRegistry.ValidKinds(null).Should().BeEmpty();
        FluentActions.Invoking(() => WebhookRegistry.ValidKinds(["tow"])).Should().Throw<IdentityException>();
    }
}

/// <summary>The README's example is what the serializer writes.</summary>
public sealed class NotificationReadmeTests
{
    [Fact]
    public void The_documented_example_is_the_serialized_towing_notification()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "RydBox.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        directory.Should().NotBeNull("the tests run inside the repository");
        string readme = File.ReadAllText(Path.Combine(directory!, "gateway", "RydBox.Gateway", "Events", "Delivery", "README.md"));
        int start = readme.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        string example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        string minified = System.Text.Json.Nodes.JsonNode.Parse(example)!.ToJsonString();

        System.Text.Json.Nodes.JsonNode.Parse(NotificationJson.Serialize(DeliveryRig.Towing()))!.ToJsonString().Should().Be(minified, "same properties, values and order");
    }
}
