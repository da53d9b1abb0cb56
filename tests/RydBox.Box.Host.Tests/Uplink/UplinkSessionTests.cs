using System.Text;
using RydBox.Firmware.Outbox;
using RydBox.Testing.Brokers;

namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>The box's session over MQTTnet against real brokers on loopback: the embedded MQTTnet broker and mosquitto.</summary>
public sealed class UplinkSessionTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(BrokerKind.Embedded, false)]
    [InlineData(BrokerKind.Embedded, true)]
    [MosquittoData(false)]
    [MosquittoData(true)]
    public void Connects_with_the_device_credentials_and_leaves_a_retained_online_status(BrokerKind kind, bool mqtt5)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker, mqtt5: mqtt5);

        box.StepUntil(() => box.Session.IsConnected, "connected");

        box.Session.Connects.Should().Be(1);
        box.Session.LastError.Should().BeEmpty();
        using TestMqttClient lateSubscriber = broker.Observe(box.Topics.Status);
        ReceivedMessage status = lateSubscriber.WaitFor(box.Topics.Status, 1, Soon).Should().ContainSingle().Subject;
        Text(status).Should().Be(UplinkRig.OnlineStatus);
        status.Retained.Should().BeTrue();
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_wrong_secret_is_refused_and_retried_after_a_growing_backoff(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker, secret: "not-the-secret");

        int firstWait = box.Session.Step();

        box.Session.IsConnected.Should().BeFalse();
        box.Session.FailedConnects.Should().Be(1);
        box.Session.LastError.Should().Be("connect refused or failed");
        firstWait.Should().BeInRange(50, 150, "the first wait lies between the initial delay and three times it");
        box.Session.Step().Should().BeInRange(1, firstWait, "no new attempt before the backoff elapsed");
        box.Spy.Connects.Should().Be(1);

        var waits = new List<int> { firstWait };
        while (waits.Count < 6)
        {
            // The box's clock (Environment.TickCount64) ticks coarsely on Linux: sleep a little longer.
            Thread.Sleep(waits[^1] + 10);
            int wait = box.Session.Step();
            box.Session.FailedConnects.Should().Be(waits.Count + 1);
            waits.Add(wait);
        }

        waits.Should().OnlyContain(w => w >= 50 && w <= 400);
        waits.Skip(1).Max().Should().BeGreaterThan(firstWait, "waits grow while the broker keeps refusing");
        box.Spy.Connects.Should().Be(6);
        if (broker is EmbeddedBroker embedded)
        {
            embedded.RefusedConnections.Should().Be(6);
        }
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void When_the_box_vanishes_without_a_disconnect_the_broker_publishes_the_offline_status(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker);
        using TestMqttClient gateway = broker.Observe(box.Topics.Status);
        box.StepUntil(() => box.Session.IsConnected, "connected");
        gateway.WaitFor(m => Text(m) == UplinkRig.OnlineStatus, 1, Soon).Should().ContainSingle();

        box.Link.Abort();

        gateway.WaitFor(m => Text(m) == UplinkRig.OfflineStatus, 1, Soon).Should().ContainSingle("the last will fires when the socket dies");
        using TestMqttClient lateSubscriber = broker.Observe(box.Topics.Status);
        ReceivedMessage retained = lateSubscriber.WaitFor(box.Topics.Status, 1, Soon).Should().ContainSingle().Subject;
        Text(retained).Should().Be(UplinkRig.OfflineStatus);
        retained.Retained.Should().BeTrue();
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_clean_close_publishes_the_offline_status_itself(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker);
        box.StepUntil(() => box.Session.IsConnected, "connected");

        box.Session.Close();

        box.Session.IsConnected.Should().BeFalse();
        using TestMqttClient lateSubscriber = broker.Observe(box.Topics.Status);
        lateSubscriber.WaitFor(box.Topics.Status, 1, Soon).Select(Text).Should().Equal(UplinkRig.OfflineStatus);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded, false)]
    [InlineData(BrokerKind.Embedded, true)]
    [MosquittoData(false)]
    [MosquittoData(true)]
    public void The_outbox_drains_in_order_and_each_entry_leaves_only_after_its_acknowledgement(BrokerKind kind, bool mqtt5)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker, mqtt5: mqtt5);
        using TestMqttClient gateway = broker.Observe("rydbox/v1/+/+");
        var expected = new List<(string Topic, string Text)>();
        for (int i = 1; i <= 40; i++)
        {
            bool isEvent = i % 10 == 0;
            string text = (isEvent ? "event " : "batch ") + i;
            box.Append(isEvent ? OutboxEntryKind.Event : OutboxEntryKind.Telemetry, text);
            expected.Add((isEvent ? box.Topics.Event : box.Topics.Telemetry, text));
        }

        var pendingAtPublish = new List<int>();
        box.Spy.BeforePublish = (topic, _) =>
        {
            if (topic == box.Topics.Telemetry || topic == box.Topics.Event)
            {
                pendingAtPublish.Add(box.Outbox.Count);
            }
        };

        box.StepUntil(() => box.Outbox.Count == 0, "the outbox is empty");

        pendingAtPublish.Should().Equal(Enumerable.Range(1, 40).Reverse(), "an entry is still stored while its publish is in flight");
        box.Session.Published.Should().Be(40);
        gateway.WaitFor(m => m.Topic != box.Topics.Status, 40, Soon)
            .Select(m => (m.Topic, Text(m)))
            .Should().Equal(expected);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_failed_publish_keeps_the_entry_and_the_session_reconnects_to_send_it(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker);
        using TestMqttClient gateway = broker.Observe(box.Topics.Telemetry);
        box.StepUntil(() => box.Session.IsConnected, "connected");
        for (int i = 1; i <= 6; i++)
        {
            box.Append(OutboxEntryKind.Telemetry, "batch " + i);
        }

        box.Spy.FailNextPublishes(box.Topics.Telemetry, 1);
        box.Session.Step();

        box.Session.IsConnected.Should().BeFalse();
        box.Session.LastError.Should().Be("publish failed");
        box.Outbox.Count.Should().Be(6, "nothing was acknowledged");

        box.StepUntil(() => box.Outbox.Count == 0, "the outbox is empty");
        box.Session.Reconnects.Should().Be(1);
        gateway.WaitFor(box.Topics.Telemetry, 6, Soon).Select(Text)
            .Should().Equal(Enumerable.Range(1, 6).Select(i => "batch " + i));
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void After_a_broker_restart_the_session_reconnects_and_drains_what_accumulated(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker);
        using (TestMqttClient before = broker.Observe(box.Topics.Telemetry))
        {
            box.Append(OutboxEntryKind.Telemetry, "before 1");
            box.StepUntil(() => box.Outbox.Count == 0, "the first batch is sent");
            before.WaitFor(box.Topics.Telemetry, 1, Soon).Should().ContainSingle();
        }

        broker.Stop();
        for (int i = 1; i <= 5; i++)
        {
            box.Append(OutboxEntryKind.Telemetry, "outage " + i);
        }

        box.StepUntil(() => !box.Session.IsConnected, "the session notices the broker is gone");
        box.StepFor(TimeSpan.FromMilliseconds(500));
        box.Outbox.Count.Should().Be(5);
        box.Session.FailedConnects.Should().BeGreaterThan(0);

        broker.Start();
        using TestMqttClient after = broker.Observe(box.Topics.Telemetry);
        box.StepUntil(() => box.Outbox.Count == 0, "the outage's batches are sent");

        box.Session.Reconnects.Should().Be(1);
        after.WaitFor(box.Topics.Telemetry, 5, Soon).Select(Text)
            .Should().Equal(Enumerable.Range(1, 5).Select(i => "outage " + i));
    }

    [Theory]
    [InlineData(BrokerKind.Embedded, false)]
    [InlineData(BrokerKind.Embedded, true)]
    [MosquittoData(false)]
    [MosquittoData(true)]
    public void A_command_reaches_the_handler_and_its_acknowledgement_goes_back(BrokerKind kind, bool mqtt5)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker, mqtt5: mqtt5);
        using TestMqttClient gateway = broker.Observe(box.Topics.CommandAck);
        box.StepUntil(() => box.Session.IsConnected, "connected");

        gateway.Publish(box.Topics.Command, Encoding.ASCII.GetBytes("ping 17"));
        box.StepUntil(() => box.Session.CommandsHandled == 1, "the command is handled");

        box.Commands.Handled.Should().Equal("ping 17");
        gateway.WaitFor(box.Topics.CommandAck, 1, Soon).Select(Text).Should().Equal("ack:ping 17");
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_command_sent_while_the_box_was_away_arrives_when_it_reconnects(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker);
        using TestMqttClient gateway = broker.Observe(box.Topics.CommandAck);
        box.StepUntil(() => box.Session.IsConnected, "connected");
        box.Session.Close();

        gateway.Publish(box.Topics.Command, Encoding.ASCII.GetBytes("read dtcs"));
        box.StepUntil(() => box.Session.CommandsHandled == 1, "the queued command is handled");

        box.Commands.Handled.Should().Equal("read dtcs");
        gateway.WaitFor(box.Topics.CommandAck, 1, Soon).Select(Text).Should().Equal("ack:read dtcs");
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_changed_online_status_is_republished_while_connected(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var box = new UplinkRig(broker);
        box.StepUntil(() => box.Session.IsConnected, "connected");

        box.SetStatus("online fw=1.0 vin=WVWZZZ1JZXW000001", "offline vin=WVWZZZ1JZXW000001");
        box.Session.Step();

        using TestMqttClient lateSubscriber = broker.Observe(box.Topics.Status);
        lateSubscriber.WaitFor(box.Topics.Status, 1, Soon).Select(Text).Should().Equal("online fw=1.0 vin=WVWZZZ1JZXW000001");
        box.Session.Connects.Should().Be(1, "the status changes without reconnecting");
    }

    private static string Text(ReceivedMessage message) => Encoding.ASCII.GetString(message.Payload);
}
