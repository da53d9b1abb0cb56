using RydBox.Simulator.Boxes;
using System.Text;
using RydBox.Firmware.Outbox;
using RydBox.Firmware.Session;
using RydBox.Firmware.Tests.Outbox;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Session;

/// <summary>The session's decisions, step by step, on a scripted link and a virtual clock.</summary>
public class UplinkSessionStepTests
{
    private readonly ManualClock _clock = new();
    private readonly ScriptedLink _link = new();
    private readonly PersistentOutbox _outbox = new(new MemoryKeyValueStore(), new OutboxOptions());
    private readonly SessionOptions _options = new() { KeepAliveSeconds = 30, MaxPublishesPerStep = 4, MaxPublishAttemptsPerEntry = 3 };
    private readonly CommandLog _commands = new();
    private readonly UplinkSession _session;

    public UplinkSessionStepTests()
    {
        _session = new UplinkSession(_link, _outbox, _commands, _clock, "box-7", "s3cret", _options, new Random(1));
    }

    [Fact]
    public void Nothing_is_attempted_before_the_status_payloads_are_known()
    {
        _session.Step().Should().Be(_options.IdleWaitMilliseconds);

        _link.Connects.Should().BeEmpty();
        _session.LastError.Should().Be("status payloads not set");
    }

    [Fact]
    public void Connects_as_the_device_with_a_persistent_session_and_the_offline_status_as_retained_will()
    {
        SetStatus("on", "off");

        _session.Step();

        var connect = _link.Connects.Should().ContainSingle().Subject;
        connect.ClientId.Should().Be("box-7");
        connect.Username.Should().Be("box-7");
        connect.Password.Should().Be("s3cret");
        connect.CleanSession.Should().BeFalse();
        connect.KeepAliveSeconds.Should().Be(30);
        connect.WillTopic.Should().Be("rydbox/v1/box-7/status");
        Encoding.ASCII.GetString(connect.WillPayload!).Should().Be("off");
        connect.WillRetain.Should().BeTrue();
        _link.Published.Should().ContainSingle().Which.Should().Match<(string Topic, byte[] Payload, bool Retain)>(
            p => p.Topic == "rydbox/v1/box-7/status" && Encoding.ASCII.GetString(p.Payload) == "on" && p.Retain);
        _link.Subscribed.Should().Equal("rydbox/v1/box-7/cmd");
        _session.IsConnected.Should().BeTrue();
    }

    [Fact]
    public void A_refused_connection_is_retried_only_once_the_backoff_has_passed()
    {
        SetStatus("on", "off");
        _link.AcceptConnect = false;

        int wait = _session.Step();
        _clock.Advance(wait - 1);
        _session.Step().Should().Be(1);
        _link.Connects.Should().HaveCount(1);

        _clock.Advance(1);
        _session.Step();
        _link.Connects.Should().HaveCount(2);
        _session.FailedConnects.Should().Be(2);
    }

    [Fact]
    public void A_lost_connection_is_noticed_and_backed_off_before_reconnecting()
    {
        SetStatus("on", "off");
        _session.Step();
        _link.IsConnected = false;

        int wait = _session.Step();

        _session.IsConnected.Should().BeFalse();
        _session.LastError.Should().Be("connection lost");
        wait.Should().BeInRange(_options.InitialReconnectDelayMilliseconds, 3 * _options.InitialReconnectDelayMilliseconds);
        _clock.Advance(wait);
        _session.Step();
        _session.Reconnects.Should().Be(1);
    }

    [Fact]
    public void A_long_drain_yields_between_steps_so_commands_are_served()
    {
        SetStatus("on", "off");
        _session.Step();
        for (int i = 1; i <= 6; i++)
        {
            _outbox.Append(OutboxEntryKind.Telemetry, i, [(byte)i], 0, 1);
        }

        _session.Step().Should().Be(0, "more is waiting");
        _session.Published.Should().Be(4);
        _link.Deliver("rydbox/v1/box-7/cmd", [0xA1]);
        _session.Step().Should().Be(_options.IdleWaitMilliseconds);

        _session.Published.Should().Be(6);
        _commands.Handled.Select(Convert.ToHexString).Should().Equal("A1");
    }

    [Fact]
    public void An_entry_the_broker_never_accepts_is_given_up_so_the_rest_can_flow()
    {
        SetStatus("on", "off");
        _outbox.Append(OutboxEntryKind.Telemetry, 1, [1], 0, 1);
        _outbox.Append(OutboxEntryKind.Telemetry, 2, [2], 0, 1);
        bool poisoned = true;
        _link.AcknowledgePublish = topic => !(topic.EndsWith("/telemetry", StringComparison.Ordinal) && poisoned);

        for (int attempt = 0; attempt < _options.MaxPublishAttemptsPerEntry; attempt++)
        {
            _session.Step();
            _session.Step().Should().BeGreaterThan(0);
            _clock.Advance(_options.MaxReconnectDelayMilliseconds);
        }

        _session.Undeliverable.Should().Be(1);
        poisoned = false;
        _session.Step();
        _session.Step();
        _link.Published.Where(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Select(p => p.Payload[0]).Should().Equal((byte)2);
        _outbox.Count.Should().Be(0);
    }

    [Fact]
    public void A_throwing_command_handler_is_counted_and_the_session_carries_on()
    {
        SetStatus("on", "off");
        _session.Step();
        _commands.Throw = true;
        _link.Deliver("rydbox/v1/box-7/cmd", [1]);

        _session.Step();

        _session.CommandFailures.Should().Be(1);
        _session.IsConnected.Should().BeTrue();
        _link.Published.Should().NotContain(p => p.Topic.EndsWith("/ack", StringComparison.Ordinal));
    }

    private void SetStatus(string online, string offline)
    {
        byte[] on = Encoding.ASCII.GetBytes(online);
        byte[] off = Encoding.ASCII.GetBytes(offline);
        _session.SetStatusPayloads(on, on.Length, off, off.Length);
    }

    private sealed class CommandLog : ICommandHandler
    {
        public List<byte[]> Handled { get; } = [];

        public bool Throw { get; set; }

        public int Handle(byte[] command, int length, byte[] ack)
        {
            if (Throw)
            {
                throw new InvalidOperationException("handler bug");
            }

            Handled.Add(command[..length]);
            ack[0] = 0xAC;
            return 1;
        }
    }
}
