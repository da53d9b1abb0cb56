using RydBox.Box.Host.Mqtt;
using RydBox.Contract;
using RydBox.Firmware.Box;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Provisioning;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Scenarios;
using RydBox.Testing.Brokers;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>
/// The box's real MQTT link to a real broker, with the network taken away during an outage: calls
/// fail as on a dead radio, and the broker, having lost the connection without a goodbye,
/// publishes the box's last will.
/// </summary>
public sealed class OutageLinkTests : IDisposable
{
    private const string DeviceId = "outage-box";
    private const string Secret = "s3cret-outage";
    private const long OutageFrom = 60_000;
    private const long OutageTo = 660_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly byte[] Will = "gone"u8.ToArray();

    private readonly EmbeddedBroker _broker = new(new BrokerAccount(DeviceId, Secret));
    private readonly TestMqttClient _observer;
    private readonly ManualClock _clock = new();
    private readonly OutageLink _link;

    public OutageLinkTests()
    {
        _observer = _broker.Observe($"rydbox/v1/{DeviceId}/#");
        var outages = new NetworkOutages();
        outages.Add(OutageFrom, OutageTo);
        _link = new OutageLink(new MqttNetLink(new MqttLinkOptions(_broker.Address) { OperationTimeout = Patience }), outages, _clock);
    }

    private static string Status => WireTopics.Build(DeviceId, TopicKind.Status);

    private static string Telemetry => WireTopics.Build(DeviceId, TopicKind.Telemetry);

    [Fact]
    public void Outside_an_outage_it_connects_and_publishes()
    {
        _link.Connect(ConnectOptions()).Should().BeTrue();
        _link.IsConnected.Should().BeTrue();
        _link.Publish(Telemetry, [0, 1, 2, 3], 1, 2, retain: false).Should().BeTrue();

        _observer.WaitFor(Telemetry, 1, Patience).Should().ContainSingle().Which.Payload.Should().Equal(1, 2);
        _link.CallsRefused.Should().Be(0);
    }

    [Fact]
    public void During_an_outage_calls_fail_the_broker_publishes_the_will_and_afterwards_it_connects_again()
    {
        _link.Connect(ConnectOptions()).Should().BeTrue();

        _clock.Advance(OutageFrom);
        _link.IsConnected.Should().BeFalse();
        _link.Publish(Telemetry, [7], 0, 1, retain: false).Should().BeFalse();
        _link.CallsRefused.Should().Be(1);
        _observer.WaitFor(Status, 1, Patience).Should().ContainSingle("the connection was dropped, not closed")
            .Which.Payload.Should().Equal(Will);
        _link.Connect(ConnectOptions()).Should().BeFalse();
        _link.Subscribe(WireTopics.Build(DeviceId, TopicKind.Command)).Should().BeFalse();
        _link.TryTakeMessage(new MqttMessage()).Should().BeFalse();
        _link.CallsRefused.Should().Be(3);
        _observer.Received.Should().NotContain(m => m.Topic == Telemetry, "nothing got through");

        _clock.Advance(OutageTo - OutageFrom);
        _link.Connect(ConnectOptions()).Should().BeTrue();
        _link.Publish(Telemetry, [8], 0, 1, retain: false).Should().BeTrue();
        _observer.WaitFor(Telemetry, 1, Patience).Should().ContainSingle().Which.Payload.Should().Equal(8);
        _link.CallsRefused.Should().Be(3);
    }

    [Fact]
    public void The_firmware_session_losing_its_network_leaves_without_a_goodbye_and_comes_back_after()
    {
        var runtime = new BoxRuntime(
            new BoxDevices { Store = new MemoryKeyValueStore(), Mqtt = _link, Clock = _clock, WallClock = _clock, FirmwareVersion = "1.2.3" },
            new ProvisionedSettings { DeviceId = DeviceId, DeviceSecret = Secret });
        StepUntilConnected(runtime);
        Statuses().Should().ContainSingle().Which.Online.Should().BeTrue();

        // The session notices that the link is gone and gives it up, as it would after a network error.
        _clock.Advance(OutageFrom);
        runtime.UplinkStep();
        runtime.Session.IsConnected.Should().BeFalse();
        _observer.WaitFor(Status, 2, Patience);
        Statuses().Select(s => s.Online).Should().Equal([true, false], "the broker published the will: no DISCONNECT reached it");

        // Its reconnection attempts are refused while the outage lasts.
        int failedBefore = runtime.Session.FailedConnects;
        for (int i = 0; i < 3; i++)
        {
            _clock.Advance(Math.Max(1, runtime.UplinkStep()));
        }

        _clock.NowMilliseconds.Should().BeLessThan(OutageTo);
        runtime.Session.FailedConnects.Should().BeGreaterThan(failedBefore);
        _link.CallsRefused.Should().BeGreaterThan(0);

        _clock.Advance(OutageTo - _clock.NowMilliseconds);
        StepUntilConnected(runtime);
        runtime.Session.Reconnects.Should().Be(1);
        _observer.WaitFor(Status, 3, Patience);
        Statuses().Select(s => s.Online).Should().Equal([true, false, true]);
    }

    public void Dispose()
    {
        _link.Dispose();
        _observer.Dispose();
        _broker.Dispose();
    }

    private static MqttConnectOptions ConnectOptions() => new()
    {
        ClientId = DeviceId,
        Username = DeviceId,
        Password = Secret,
        WillTopic = Status,
        WillPayload = Will,
        WillRetain = true,
    };

    private void StepUntilConnected(BoxRuntime runtime)
    {
        for (int i = 0; i < 20 && !runtime.Session.IsConnected; i++)
        {
            _clock.Advance(Math.Max(1, runtime.UplinkStep()));
        }

        runtime.Session.IsConnected.Should().BeTrue(runtime.Session.LastError);
        _observer.WaitFor(m => m.Topic == Status, 1, Patience);
    }

    private StatusMessage[] Statuses() =>
        _observer.Received.Where(m => m.Topic == Status).Select(m => StatusDecoder.Decode(m.Payload)).ToArray();
}
