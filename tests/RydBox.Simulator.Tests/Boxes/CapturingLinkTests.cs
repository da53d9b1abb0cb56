using RydBox.Contract;
using RydBox.Firmware.Box;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Outbox;
using RydBox.Firmware.Provisioning;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Scenarios;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>
/// The in-process link that captures what a box publishes: copies in publish order stamped with the
/// box's time, refused while not connected, the will passed on when the connection is cut, and behind
/// an <see cref="OutageLink"/> the firmware's own session riding out an outage.
/// </summary>
public sealed class CapturingLinkTests
{
    private const string DeviceId = "capture-box";
    private const long OutageFrom = 60_000;
    private const long OutageTo = 660_000;
    private static readonly byte[] Will = "gone"u8.ToArray();

    private readonly ManualClock _clock = new();
    private readonly List<CapturedMessage> _captured = [];

    private static string Status => WireTopics.Build(DeviceId, TopicKind.Status);

    private static string Telemetry => WireTopics.Build(DeviceId, TopicKind.Telemetry);

    [Fact]
    public void Hands_on_a_copy_of_each_message_in_publish_order_stamped_with_the_box_time()
    {
        using var link = new CapturingLink(_clock, _captured.Add);
        link.Connect(ConnectOptions()).Should().BeTrue();
        link.IsConnected.Should().BeTrue();
        link.Subscribe(WireTopics.Build(DeviceId, TopicKind.Command)).Should().BeTrue();

        byte[] buffer = [0, 1, 2, 3];
        link.Publish(Telemetry, buffer, 1, 2, retain: false).Should().BeTrue();
        buffer[1] = 9;
        _clock.Advance(1_500);
        link.Publish(Status, [5], 0, 1, retain: true).Should().BeTrue();

        _captured.Select(m => m.Topic).Should().Equal(Telemetry, Status);
        _captured[0].Payload.Should().Equal([1, 2], "the link keeps a copy, not the firmware's reused buffer");
        _captured[0].ArrivedUnixMilliseconds.Should().Be(ScenarioPlayer.StartUnixMs);
        _captured[1].ArrivedUnixMilliseconds.Should().Be(ScenarioPlayer.StartUnixMs + 1_500);
        _captured[1].Retain.Should().BeTrue();
        link.TryTakeMessage(new MqttMessage()).Should().BeFalse("nothing is ever sent to the box");
    }

    [Fact]
    public void Refuses_while_not_connected_and_passes_on_the_will_only_when_the_connection_is_cut()
    {
        using var link = new CapturingLink(_clock, _captured.Add);
        link.Publish(Telemetry, [1], 0, 1, retain: false).Should().BeFalse("no connection yet");

        link.Connect(ConnectOptions());
        link.Disconnect();
        link.IsConnected.Should().BeFalse();
        _captured.Should().BeEmpty("a goodbye suppresses the will");

        link.Connect(ConnectOptions());
        _clock.Advance(42);
        link.Abort();
        link.IsConnected.Should().BeFalse();
        CapturedMessage will = _captured.Should().ContainSingle().Subject;
        will.Topic.Should().Be(Status);
        will.Payload.Should().Equal(Will);
        will.Retain.Should().BeTrue();
        will.ArrivedUnixMilliseconds.Should().Be(ScenarioPlayer.StartUnixMs + 42);
        link.Subscribe(Telemetry).Should().BeFalse();
    }

    [Fact]
    public void Behind_an_outage_link_the_firmware_leaves_without_a_goodbye_holds_its_data_and_sends_it_after()
    {
        var outages = new NetworkOutages();
        outages.Add(OutageFrom, OutageTo);
        var captured = new CapturingLink(_clock, _captured.Add);
        using var link = new OutageLink(captured, captured.Abort, outages, _clock);
        var runtime = new BoxRuntime(
            new BoxDevices { Store = new MemoryKeyValueStore(), Mqtt = link, Clock = _clock, WallClock = _clock, FirmwareVersion = "1.2.3" },
            new ProvisionedSettings { DeviceId = DeviceId, DeviceSecret = "s3cret" });
        StepUntilConnected(runtime);

        _clock.Advance(OutageFrom);
        byte[] stored = [7, 8, 9];
        runtime.Outbox.Append(OutboxEntryKind.Telemetry, runtime.Outbox.HighestSequence + 1, stored, 0, stored.Length).Should().BeTrue();
        for (int i = 0; i < 3; i++)
        {
            _clock.Advance(Math.Max(1, runtime.UplinkStep()));
        }

        _clock.NowMilliseconds.Should().BeLessThan(OutageTo);
        link.CallsRefused.Should().BeGreaterThan(0);
        runtime.Outbox.Count.Should().Be(1, "what the box made during the outage waits in its outbox");
        _captured.Should().NotContain(m => m.Topic == Telemetry);
        Statuses().Select(s => s.Online).Should().Equal([true, false], "the link was cut without a goodbye, so the will came");

        _clock.Advance(OutageTo - _clock.NowMilliseconds);
        StepUntilConnected(runtime);
        for (int i = 0; i < 20 && runtime.Outbox.Count > 0; i++)
        {
            _clock.Advance(Math.Max(1, runtime.UplinkStep()));
        }

        runtime.Outbox.Count.Should().Be(0, "the outbox replayed once the network was back");
        Statuses().Select(s => s.Online).Should().Equal([true, false, true]);
        CapturedMessage late = _captured.Should().ContainSingle(m => m.Topic == Telemetry).Subject;
        late.Payload.Should().Equal(stored);
        late.ArrivedUnixMilliseconds.Should().BeGreaterThanOrEqualTo(ScenarioPlayer.StartUnixMs + OutageTo, "it went out late, after the outage");
    }

    private static MqttConnectOptions ConnectOptions() => new()
    {
        ClientId = DeviceId,
        Username = DeviceId,
        Password = "s3cret",
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
    }

    private StatusMessage[] Statuses() =>
        [.. _captured.Where(m => m.Topic == Status).Select(m => StatusDecoder.Decode(m.Payload))];
}
