using System.Formats.Cbor;
using RydBox.Firmware.Wire;
using CborWriter = System.Formats.Cbor.CborWriter;

namespace RydBox.Contract.Tests;

/// <summary>The box's side of commands: every bad command gives a status, and the id whenever it can be read.</summary>
public class CommandParserTests
{
    private readonly CommandParser _parser = new();
    private readonly BoxCommand _command = new();

    [Fact]
    public void Ping_parses_without_allocating_its_name()
    {
        byte[] payload = CommandEncoder.Encode(1, "ping");
        Parse(payload).Should().Be(WireStatus.Ok);
        _command.Is(CommandNames.Ping).Should().BeTrue();
        _command.Name.Should().BeSameAs(CommandNames.Ping);
        _command.ArgumentCount.Should().Be(0);
    }

    [Fact]
    public void An_unknown_command_name_is_parsed_for_the_runtime_to_refuse()
    {
        Parse(CommandEncoder.Encode(3, "reboot_now")).Should().Be(WireStatus.Ok);
        _command.Name.Should().Be("reboot_now");
        _command.HasId.Should().BeTrue();
    }

    [Fact]
    public void Parsing_again_forgets_the_previous_command()
    {
        Parse(Samples.CommandPayload()).Should().Be(WireStatus.Ok);
        Parse(CommandEncoder.Encode(8, "ping")).Should().Be(WireStatus.Ok);
        _command.Id.Should().Be(8);
        _command.ArgumentCount.Should().Be(0);
        _command.TextOf("apn").Should().BeNull();
    }

    public static TheoryData<string, byte[], WireStatus, long?> BadCommands() => new()
    {
        { "empty", [], WireStatus.Truncated, null },
        { "cut short", Samples.CommandPayload()[..^2], WireStatus.Truncated, 7 },
        { "a byte after the command", [.. CommandEncoder.Encode(4, "ping"), 0], WireStatus.Malformed, 4 },
        { "indefinite-length map", Convert.FromHexString("BF000101040264706F6E67FF"), WireStatus.Malformed, null },
        { "version 2", Command(w => { w.WriteInt32(0); w.WriteInt32(2); w.WriteInt32(1); w.WriteInt32(9); w.WriteInt32(2); w.WriteTextString("ping"); }, 3), WireStatus.UnsupportedVersion, 9 },
        { "no name", Command(w => { w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(9); }, 2), WireStatus.MissingField, 9 },
        { "no id", Command(w => { w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(2); w.WriteTextString("ping"); }, 2), WireStatus.MissingField, null },
        { "empty name", Command(w => { w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(9); w.WriteInt32(2); w.WriteTextString(""); }, 3), WireStatus.InvalidValue, 9 },
        { "negative id", Command(w => { w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(-9); w.WriteInt32(2); w.WriteTextString("ping"); }, 3), WireStatus.InvalidValue, null },
        { "name not UTF-8", Convert.FromHexString("A3000101090262C328"), WireStatus.Malformed, 9 },
        { "name of 65 bytes", Command(w => { w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(9); w.WriteInt32(2); w.WriteTextString(new string('n', 65)); }, 3), WireStatus.Oversized, 9 },
        { "an argument that is an array", WithArguments(w => { w.WriteTextString("x"); w.WriteStartArray(0); w.WriteEndArray(); }, 1), WireStatus.InvalidValue, 9 },
        { "an argument given twice", WithArguments(w => { w.WriteTextString("x"); w.WriteInt32(1); w.WriteTextString("x"); w.WriteInt32(2); }, 2), WireStatus.InvalidValue, 9 },
        { "nine arguments", WithArguments(w => { for (int i = 0; i < 9; i++) { w.WriteTextString("a" + i); w.WriteInt32(i); } }, 9), WireStatus.Oversized, 9 },
        { "a float argument", WithArguments(w => { w.WriteTextString("x"); w.WriteDouble(1.5); }, 1), WireStatus.InvalidValue, 9 },
        { "an integer beyond 64 bits", WithArguments(w => { w.WriteTextString("x"); w.WriteUInt64(ulong.MaxValue); }, 1), WireStatus.InvalidValue, 9 },
        { "a tag", Convert.FromHexString("A4000101090264706F6E6703A16178C101"), WireStatus.Malformed, 9 },
        { "more than 1 KiB", new byte[BoxCommand.MaxCommandBytes + 1], WireStatus.Oversized, null },
        { "not a map", Convert.FromHexString("8101"), WireStatus.Malformed, null },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public void A_bad_command_gives_its_status_and_keeps_the_id_when_it_was_read(string why, byte[] payload, WireStatus expected, long? id)
    {
        Parse(payload).Should().Be(expected, why);
        _command.HasId.Should().Be(id.HasValue, why);
        if (id.HasValue)
        {
            _command.Id.Should().Be(id.Value, why);
        }
    }

    [Fact]
    public void Every_status_has_an_error_text_for_the_acknowledgement()
    {
        Enum.GetValues<WireStatus>().Select(WireStatusText.Of).Should().OnlyHaveUniqueItems().And.NotContainNulls();
    }

    private WireStatus Parse(byte[] payload) => _parser.Parse(payload, payload.Length, _command);

    private static byte[] Command(Action<CborWriter> entries, int count)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(count);
        entries(writer);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] WithArguments(Action<CborWriter> arguments, int count) => Command(w =>
    {
        w.WriteInt32(0); w.WriteInt32(1);
        w.WriteInt32(1); w.WriteInt32(9);
        w.WriteInt32(2); w.WriteTextString("set_config");
        w.WriteInt32(3);
        w.WriteStartMap(count);
        arguments(w);
        w.WriteEndMap();
    }, 4);
}
