using RydBox.Box.Host.Tests.Uplink;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Testing.Brokers;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>Commands from the gateway on `cmd`, each answered on `cmd/ack`, through a real broker.</summary>
public sealed class CommandTests : IDisposable
{
    private const string CommandTopic = "rydbox/v1/box-0042/cmd";
    private const string AckTopic = "rydbox/v1/box-0042/cmd/ack";

    private readonly EmbeddedBroker _broker = new(TestBrokers.Device);
    private readonly TemporaryDirectory _storage = new();
    private readonly TestMqttClient _gateway;
    private BoxRig _box;
    private long _nextId = 1;

    public CommandTests()
    {
        _gateway = _broker.Observe(AckTopic);
        _box = new BoxRig(_broker, _storage.Path, new JumpingClock());
        _box.Run(TimeSpan.FromSeconds(5));   // connected, ignition on
    }

    [Fact]
    public void Ping_is_answered_with_the_uptime()
    {
        CommandAck ack = Send(CommandNames.Ping);

        ack.Ok.Should().BeTrue();
        ack.Result["uptime_ms"].Number.Should().BeGreaterThanOrEqualTo(5000);
    }

    [Fact]
    public void Read_dtcs_returns_the_stored_codes_and_clear_dtcs_is_acknowledged()
    {
        CommandAck read = Send(CommandNames.ReadDtcs);
        read.Ok.Should().BeTrue(read.Error);
        read.Result["stored"].List.Should().Equal("P0301");

        CommandAck clear = Send(CommandNames.ClearDtcs);
        clear.Ok.Should().BeTrue(clear.Error);
    }

    [Fact]
    public void Set_config_changes_sampling_and_survives_a_restart()
    {
        CommandAck set = Send(CommandNames.SetConfig, CommandArgument.Of("batch_period_ms", 30000), CommandArgument.Of("driving_interval_ms", 2000));
        set.Ok.Should().BeTrue(set.Error);
        set.Result["batch_period_ms"].Number.Should().Be(30000);

        long rowsBefore = _box.Runtime.Sampler.Cycles;
        _box.Run(TimeSpan.FromSeconds(20));
        (_box.Runtime.Sampler.Cycles - rowsBefore).Should().BeInRange(9, 11, "one cycle every 2 s now");

        _box.Runtime.Stop();
        _box.Dispose();
        _box = new BoxRig(_broker, _storage.Path, new JumpingClock());
        _box.Run(TimeSpan.FromSeconds(3));
        CommandAck reloaded = Send(CommandNames.SetConfig);
        reloaded.Result["driving_interval_ms"].Number.Should().Be(2000);
        reloaded.Result["batch_period_ms"].Number.Should().Be(30000);
    }

    [Fact]
    public void Bad_settings_and_unknown_commands_are_refused_with_a_reason_and_change_nothing()
    {
        CommandAck unknownSetting = Send(CommandNames.SetConfig, CommandArgument.Of("driving_interval_ms", 500), CommandArgument.Of("turbo", 1));
        unknownSetting.Ok.Should().BeFalse();
        unknownSetting.Error.Should().Contain("turbo");

        CommandAck tooFast = Send(CommandNames.SetConfig, CommandArgument.Of("driving_interval_ms", 5));
        tooFast.Ok.Should().BeFalse();
        tooFast.Error.Should().Contain("driving_interval_ms");

        Send(CommandNames.SetConfig).Result["driving_interval_ms"].Number.Should().Be(1000, "a refused command is not applied in part");
        CommandAck unknown = Send("self_destruct");
        unknown.Ok.Should().BeFalse();
        unknown.Error.Should().Be("unknown command");
    }

    [Fact]
    public void A_garbled_command_gets_no_answer_and_the_box_keeps_working()
    {
        _gateway.Publish(CommandTopic, [0xFF, 0x00, 0x13]);
        CommandAck ping = Send(CommandNames.Ping);

        ping.Ok.Should().BeTrue();
        _gateway.Received.Should().ContainSingle("only the ping is answered");
    }

    public void Dispose()
    {
        _box.Dispose();
        _gateway.Dispose();
        _storage.Dispose();
        _broker.Dispose();
    }

    private CommandAck Send(string name, params CommandArgument[] arguments)
    {
        long id = _nextId++;
        _gateway.Publish(CommandTopic, CommandEncoder.Encode(id, name, arguments));
        for (int i = 0; i < 20; i++)
        {
            _box.Run(TimeSpan.FromMilliseconds(500));
            ReceivedMessage? answer = _gateway.Received.FirstOrDefault(m => CommandAckDecoder.Decode(m.Payload).Id == id);
            if (answer is not null)
            {
                return CommandAckDecoder.Decode(answer.Payload);
            }
        }

        throw new TimeoutException($"no acknowledgement of {name} (id {id})");
    }
}
