using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Events.Delivery;

/// <summary>Webhooks end to end: the registry, the persisted queue and the worker posting to a real HTTP server on loopback.</summary>
public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_delivery_is_posted_once_signed_with_the_secret_and_marked_delivered()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        await using DeliveryRig rig = await DeliveryRig.StartAsync();
        IssuedWebhook hook = rig.Webhooks.Add("tenant-a", receiver.Url("hooks/a"));
        EventNotification notification = DeliveryRig.Towing();

        await rig.Sink.PublishAsync([notification], CancellationToken.None);

        TestGateway.WaitUntil(() => rig.Deliveries().SingleOrDefault()?.Status == WebhookDeliveryStatus.Delivered, Soon).Should().BeTrue();
        ReceivedWebhook received = receiver.On("hooks/a").Should().ContainSingle().Subject;
        received.DeliveryId.Should().Be("box-1/towing:1700000000000/started");
        received.ContentType.Should().Be("application/json; charset=utf-8");
        hook.Secret.Should().StartWith("whsec_");
        WebhookSignature.Verify(hook.Secret, received.Signature, received.Timestamp, received.Body, DateTimeOffset.UtcNow).Should().BeTrue();
        WebhookSignature.Verify("whsec_wrong", received.Signature, received.Timestamp, received.Body, DateTimeOffset.UtcNow).Should().BeFalse();
        NotificationJson.Deserialize(received.Body).Event.Should().BeEquivalentTo(notification.Event, o => o.RespectingRuntimeTypes());

        WebhookDelivery delivery = rig.Deliveries().Single();
        delivery.Attempts.Should().Be(1);
        delivery.LastStatusCode.Should().Be(200);
        delivery.NotificationId.Should().Be(notification.Id);
        delivery.WebhookId.Should().Be(hook.Webhook.Id);
    }

    [Fact]
    public async Task Webhooks_get_the_kinds_they_asked_for_of_their_own_tenant_and_none_while_disabled()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        await using DeliveryRig rig = await DeliveryRig.StartAsync();
        rig.Webhooks.Add("tenant-a", receiver.Url("all-a"));
        rig.Webhooks.Add("tenant-a", receiver.Url("towing-a"), [EventKinds.Towing]);
        IssuedWebhook paused = rig.Webhooks.Add("tenant-a", receiver.Url("paused-a"));
        rig.Webhooks.SetEnabled("tenant-a", paused.Webhook.Id, enabled: false)!.Enabled.Should().BeFalse();
        rig.Webhooks.Add("tenant-b", receiver.Url("all-b"));

        await rig.Sink.PublishAsync([DeliveryRig.Towing(), DeliveryRig.Dtc(), DeliveryRig.Dtc(tenant: "tenant-b", device: "box-9")], CancellationToken.None);

        TestGateway.WaitUntil(() => receiver.Received.Count == 4, Soon).Should().BeTrue();
        TestGateway.WaitUntil(() => rig.Deliveries().All(d => d.Status == WebhookDeliveryStatus.Delivered), Soon).Should().BeTrue();
        receiver.On("all-a").Select(r => r.DeliveryId).Should().BeEquivalentTo("box-1/towing:1700000000000/started", "box-1/dtc:1700000100000:P0301:set/instant");
        receiver.On("towing-a").Select(r => r.DeliveryId).Should().Equal("box-1/towing:1700000000000/started");
        receiver.On("all-b").Select(r => r.DeliveryId).Should().Equal("box-9/dtc:1700000100000:P0301:set/instant");
        receiver.On("paused-a").Should().BeEmpty();
        rig.Deliveries("tenant-a").Should().HaveCount(3);
        rig.Deliveries("tenant-b").Should().ContainSingle();

        rig.Webhooks.List("tenant-a").Should().HaveCount(3);
        rig.Webhooks.List("tenant-b").Should().ContainSingle();
        rig.Webhooks.Get("tenant-b", paused.Webhook.Id).Should().BeNull("another tenant's webhook is not found");
        rig.Webhooks.Remove("tenant-b", paused.Webhook.Id).Should().BeFalse();
        rig.Webhooks.Remove("tenant-a", paused.Webhook.Id).Should().BeTrue();
        rig.Webhooks.Get("tenant-a", paused.Webhook.Id).Should().BeNull();
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_until_it_answers_2xx()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, n) => n <= 3 ? 500 : 204;
        await using DeliveryRig rig = await DeliveryRig.StartAsync();
        IssuedWebhook hook = rig.Webhooks.Add("tenant-a", receiver.Url("flaky"));

        await rig.Sink.PublishAsync([DeliveryRig.Dtc()], CancellationToken.None);

        TestGateway.WaitUntil(() => rig.Deliveries().Single().Status == WebhookDeliveryStatus.Delivered, Soon).Should().BeTrue();
        WebhookDelivery delivery = rig.Deliveries().Single();
        delivery.Attempts.Should().Be(4);
        delivery.LastStatusCode.Should().Be(204);
        delivery.LastError.Should().BeNull();
        receiver.On("flaky").Should().HaveCount(4).And.OnlyContain(r => r.DeliveryId == "box-1/dtc:1700000100000:P0301:set/instant");
        receiver.On("flaky").Should().OnlyContain(r => WebhookSignature.Verify(hook.Secret, r.Signature, r.Timestamp, r.Body, DateTimeOffset.UtcNow, null));
    }

    [Fact]
    public async Task After_max_attempts_a_delivery_is_failed_listed_and_can_be_retried_by_hand()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 503;
        await using DeliveryRig rig = await DeliveryRig.StartAsync(new Dictionary<string, string?> { ["RydBox:Events:Webhooks:MaxAttempts"] = "3" });
        rig.Webhooks.Add("tenant-a", receiver.Url("down"));

        await rig.Sink.PublishAsync([DeliveryRig.Towing()], CancellationToken.None);

        TestGateway.WaitUntil(() => rig.Webhooks.ListFailures("tenant-a").Count == 1, Soon).Should().BeTrue();
        WebhookDelivery failed = rig.Webhooks.ListFailures("tenant-a").Single();
        failed.Attempts.Should().Be(3);
        failed.LastStatusCode.Should().Be(503);
        failed.LastError.Should().Be("HTTP 503");
        failed.Body.Should().Contain("\"kind\":\"towing\"", "the body is kept for inspection");
        receiver.On("down").Should().HaveCount(3);
        rig.Webhooks.ListFailures("tenant-b").Should().BeEmpty();
        rig.Webhooks.Retry("tenant-b", failed.Id).Should().BeNull("another tenant's delivery is not found");

        receiver.Answer = (_, _) => 200;
        rig.Webhooks.Retry("tenant-a", failed.Id)!.Status.Should().Be(WebhookDeliveryStatus.Pending);

        TestGateway.WaitUntil(() => rig.Delivery(failed.Id).Status == WebhookDeliveryStatus.Delivered, Soon).Should().BeTrue();
        receiver.On("down").Should().HaveCount(4);
        rig.Webhooks.ListFailures("tenant-a").Should().BeEmpty();
    }

    [Fact]
    public async Task An_unreachable_receiver_counts_as_a_failed_attempt()
    {
        await using DeliveryRig rig = await DeliveryRig.StartAsync(new Dictionary<string, string?> { ["RydBox:Events:Webhooks:MaxAttempts"] = "2" });
        int closedPort = RydBox.Testing.Brokers.FreePort.Pick();
        rig.Webhooks.Add("tenant-a", $"http://127.0.0.1:{closedPort}/nobody");

        await rig.Sink.PublishAsync([DeliveryRig.Dtc()], CancellationToken.None);

        TestGateway.WaitUntil(() => rig.Webhooks.ListFailures("tenant-a").Count == 1, Soon).Should().BeTrue();
        WebhookDelivery failed = rig.Webhooks.ListFailures("tenant-a").Single();
        failed.LastStatusCode.Should().BeNull();
        failed.LastError.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_pending_delivery_survives_a_restart_and_one_cut_short_by_the_stop_is_sent_again()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        await using DeliveryRig rig = await DeliveryRig.StartAsync();
        IssuedWebhook hook = rig.Webhooks.Add("tenant-a", receiver.Url("restart"));
        receiver.Hold();

        await rig.Sink.PublishAsync([DeliveryRig.Towing()], CancellationToken.None);
        TestGateway.WaitUntil(() => receiver.InProgress == 1, Soon).Should().BeTrue("the first attempt is at the receiver");
        await rig.StopAsync();

        using (Microsoft.Data.Sqlite.SqliteConnection connection = rig.Database.Open())
        using (Microsoft.Data.Sqlite.SqliteCommand select = connection.CreateCommand())
        {
            select.CommandText = "SELECT status || ':' || attempts FROM webhook_deliveries";
            select.ExecuteScalar().Should().Be("pending:0", "an attempt the stop cut short is not counted and the delivery stays queued");
        }

        receiver.Release();
        await rig.RestartAsync();

        TestGateway.WaitUntil(() => rig.Deliveries().Single().Status == WebhookDeliveryStatus.Delivered, Soon).Should().BeTrue();
        receiver.On("restart").Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(r => r.DeliveryId == "box-1/towing:1700000000000/started");
        rig.Deliveries().Single().Attempts.Should().Be(1);
        WebhookSignature.Verify(hook.Secret, receiver.On("restart")[^1].Signature, receiver.On("restart")[^1].Timestamp, receiver.On("restart")[^1].Body, DateTimeOffset.UtcNow).Should().BeTrue();
    }

    [Fact]
    public async Task A_delivery_queued_while_no_worker_runs_goes_out_when_one_starts()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        await using DeliveryRig rig = await DeliveryRig.StartAsync(start: false);
        rig.Webhooks.Add("tenant-a", receiver.Url("later"));

        await rig.Sink.PublishAsync([DeliveryRig.Dtc()], CancellationToken.None);
        rig.Deliveries().Single().Status.Should().Be(WebhookDeliveryStatus.Pending);
        await rig.RestartAsync();

        TestGateway.WaitUntil(() => receiver.On("later").Count == 1, Soon).Should().BeTrue();
        TestGateway.WaitUntil(() => rig.Deliveries().Single().Status == WebhookDeliveryStatus.Delivered, Soon).Should().BeTrue();
    }

    [Fact]
    public async Task A_slow_receiver_blocks_neither_PublishAsync_nor_the_other_webhooks()
    {
        await using WebhookReceiver slow = await WebhookReceiver.StartAsync();
        await using WebhookReceiver fast = await WebhookReceiver.StartAsync();
        await using DeliveryRig rig = await DeliveryRig.StartAsync(new Dictionary<string, string?> { ["RydBox:Events:Webhooks:RequestTimeout"] = "00:01:00" });
        rig.Webhooks.Add("tenant-a", slow.Url("slow"));
        rig.Webhooks.Add("tenant-a", fast.Url("fast"));
        slow.Hold();

        await rig.Sink.PublishAsync([DeliveryRig.Towing()], CancellationToken.None);
        TestGateway.WaitUntil(() => slow.InProgress == 1, Soon).Should().BeTrue();

        Task second = rig.Sink.PublishAsync([DeliveryRig.Dtc(), DeliveryRig.Towing(change: EventChange.Ended)], CancellationToken.None);
        (await Task.WhenAny(second, Task.Delay(Soon))).Should().BeSameAs(second, "PublishAsync returns while the slow receiver still holds a request");
        slow.InProgress.Should().BeGreaterThan(0, "the slow receiver has not answered yet");
        TestGateway.WaitUntil(() => fast.On("fast").Count == 3, Soon).Should().BeTrue("the other webhook gets its deliveries meanwhile");

        slow.Release();
        TestGateway.WaitUntil(() => rig.Deliveries().Count == 6 && rig.Deliveries().All(d => d.Status == WebhookDeliveryStatus.Delivered), Soon).Should().BeTrue();
        slow.On("slow").Select(r => r.DeliveryId).Should().BeEquivalentTo(fast.On("fast").Select(r => r.DeliveryId));
    }

    [Fact]
    public async Task A_new_secret_signs_the_next_deliveries_and_the_old_one_no_longer_verifies()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        await using DeliveryRig rig = await DeliveryRig.StartAsync();
        IssuedWebhook hook = rig.Webhooks.Add("tenant-a", receiver.Url("rotated"));
        IssuedWebhook rotated = rig.Webhooks.RotateSecret("tenant-a", hook.Webhook.Id)!;
        rotated.Secret.Should().NotBe(hook.Secret);

        await rig.Sink.PublishAsync([DeliveryRig.Dtc()], CancellationToken.None);

        TestGateway.WaitUntil(() => receiver.On("rotated").Count == 1, Soon).Should().BeTrue();
        ReceivedWebhook received = receiver.On("rotated").Single();
        WebhookSignature.Verify(rotated.Secret, received.Signature, received.Timestamp, received.Body, DateTimeOffset.UtcNow).Should().BeTrue();
        WebhookSignature.Verify(hook.Secret, received.Signature, received.Timestamp, received.Body, DateTimeOffset.UtcNow).Should().BeFalse();
    }

    [Fact]
    public async Task Invalid_registrations_are_refused()
    {
        await using DeliveryRig rig = await DeliveryRig.StartAsync(start: false);
        FluentActions.Invoking(() => rig.Webhooks.Add("tenant-a", "mailto:x@example.com")).Should().Throw<IdentityException>().Which.Error.Should().Be(IdentityError.Invalid);
        FluentActions.Invoking(() => rig.Webhooks.Add("tenant-a", "https://example.com/", ["nope"])).Should().Throw<IdentityException>().Which.Error.Should().Be(IdentityError.Invalid);
        FluentActions.Invoking(() => rig.Webhooks.Add("tenant-x", "https://example.com/")).Should().Throw<IdentityException>().Which.Error.Should().Be(IdentityError.NotFound);
        rig.Webhooks.Add("tenant-a", "https://example.com/hook?token=1", [EventKinds.Trip, EventKinds.Dtc]).Webhook.Kinds.Should().Equal("dtc", "trip");
    }
}
