using CsCheck;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

public class MessagePropertyTests
{
    [Fact]
    public void Any_event_round_trips()
    {
        Gen.Select(Generators.Event, Gen.Long[0, long.MaxValue]).Sample((e, sequence) =>
        {
            var buffer = new byte[1024];
            int length = new EventEncoder().Encode(e, sequence, buffer);
            length.Should().BePositive();

            EventMessage decoded = EventDecoder.Decode(buffer.AsMemory(0, length));
            decoded.Should().Be(new EventMessage(1, sequence, e.Type, e.UnixMilliseconds,
                e.HasPosition ? new GeoPoint(e.LatitudeE7, e.LongitudeE7) : null, e.Value, e.Detail));
            decoded.IsKnownType.Should().Be((int)e.Type <= 12);
        }, iter: 500);
    }

    [Fact]
    public void Any_status_round_trips()
    {
        var gen =
            from online in Gen.Bool
            from firmware in Generators.Text(1, 20)
            from hasTime in Gen.Bool
            from time in Gen.Long[0, 250_000_000_000_000]
            from vin in Gen.Frequency((1, Gen.Const((string?)null)), (2, Generators.Text(17, 17).Select(v => (string?)v)))
            from protocol in Gen.Frequency((1, Gen.Const((string?)null)), (2, Generators.Text(3, 16).Select(p => (string?)p)))
            from pids in Gen.Int[0, 255].Array[0, 40]
            select (online, firmware, hasTime, time, vin, protocol, pids);
        gen.Sample(s =>
        {
            var status = new BoxStatus
            {
                Online = s.online, FirmwareVersion = s.firmware, HasTime = s.hasTime, UnixMilliseconds = s.time, Vin = s.vin, Protocol = s.protocol,
            };
            foreach (int pid in s.pids)
            {
                status.SetSupported(pid);
            }

            var buffer = new byte[1024];
            int length = new StatusEncoder().Encode(status, buffer);
            length.Should().BePositive();

            StatusMessage decoded = StatusDecoder.Decode(buffer.AsMemory(0, length));
            decoded.Online.Should().Be(s.online);
            decoded.FirmwareVersion.Should().Be(s.firmware);
            decoded.UnixMilliseconds.Should().Be(s.hasTime ? s.time : null);
            decoded.Vin.Should().Be(s.vin);
            decoded.Protocol.Should().Be(s.protocol);
            decoded.SupportedPids.Should().Equal(s.pids.Distinct().Order());
        }, iter: 300);
    }

    [Fact]
    public void Any_command_the_gateway_encodes_is_what_the_box_parses()
    {
        var gen = Gen.Select(Gen.Long[0, long.MaxValue], Generators.Name, Generators.Argument.Array[0, BoxCommand.MaxArguments]);
        gen.Sample((id, name, generated) =>
        {
            CommandArgument[] arguments = generated.DistinctBy(a => a.Name).ToArray();
            byte[] payload = CommandEncoder.Encode(id, name, arguments);

            var command = new BoxCommand();
            new CommandParser().Parse(payload, payload.Length, command).Should().Be(WireStatus.Ok);
            command.Id.Should().Be(id);
            command.Name.Should().Be(name);
            command.ArgumentCount.Should().Be(arguments.Length);
            foreach (CommandArgument argument in arguments)
            {
                int i = command.IndexOf(argument.Name);
                i.Should().BeGreaterThanOrEqualTo(0);
                command.ArgumentKind(i).Should().Be(argument.Kind);
                command.IntArgument(i).Should().Be(argument.Number);
                command.TextArgument(i).Should().Be(argument.Text);
            }
        }, iter: 300);
    }

    [Fact]
    public void Any_acknowledgement_round_trips()
    {
        var entry = Gen.OneOf(
            Gen.Select(Generators.Name, Generators.Value, (n, v) => (n, AckValue.Of(v))),
            Gen.Select(Generators.Name, Generators.Text(0, 16), (n, t) => (n, AckValue.Of(t))),
            Gen.Select(Generators.Name, Generators.Text(5, 5).Array[0, 30], (n, l) => (n, AckValue.Of(l))));
        var gen = Gen.Select(Gen.Long[0, long.MaxValue], Gen.Bool, Gen.Frequency((1, Gen.Const((string?)null)), (1, Generators.Text(1, 16).Select(e => (string?)e))), entry.Array[0, 30]);
        gen.Sample((id, ok, error, generated) =>
        {
            var entries = generated.DistinctBy(e => e.n).ToArray();
            var buffer = new byte[8192];
            var acks = new CommandAckEncoder();
            acks.Begin(buffer, id, ok, error);
            foreach (var (name, value) in entries)
            {
                if (value.Number is long number)
                {
                    acks.AddInt(name, number);
                }
                else if (value.Text is string text)
                {
                    acks.AddText(name, text);
                }
                else
                {
                    acks.BeginList(name);
                    foreach (string item in value.List!)
                    {
                        acks.AddListItem(item);
                    }

                    acks.EndList();
                }
            }

            int length = acks.Finish();
            length.Should().BePositive();

            CommandAck decoded = CommandAckDecoder.Decode(buffer.AsMemory(0, length));
            decoded.Id.Should().Be(id);
            decoded.Ok.Should().Be(ok);
            decoded.Error.Should().Be(error);
            decoded.Result.Should().HaveCount(entries.Length);
            foreach (var (name, value) in entries)
            {
                AckValue actual = decoded.Result[name];
                actual.Number.Should().Be(value.Number);
                actual.Text.Should().Be(value.Text);
                (actual.List ?? []).Should().Equal(value.List ?? []);
            }
        }, iter: 200);
    }

    [Fact]
    public void A_long_result_list_moves_its_items_to_make_room_for_a_longer_head()
    {
        var buffer = new byte[4096];
        var acks = new CommandAckEncoder();
        acks.Begin(buffer, 1, true, null);
        acks.BeginList("dtcs");
        var codes = Enumerable.Range(0, 30).Select(i => $"P{i:0000}").ToArray();
        foreach (string code in codes)
        {
            acks.AddListItem(code.ToCharArray(), 0, code.Length);
        }

        acks.EndList();
        acks.AddInt("count", codes.Length);
        int length = acks.Finish();

        CommandAck ack = CommandAckDecoder.Decode(buffer.AsMemory(0, length));
        ack.Result["dtcs"].List.Should().Equal(codes);
        ack.Result["count"].Number.Should().Be(30);
    }

    [Fact]
    public void Misusing_the_acknowledgement_encoder_yields_no_payload()
    {
        var buffer = new byte[256];
        var acks = new CommandAckEncoder();
        acks.Finish().Should().Be(CommandAckEncoder.NothingToEncode, "nothing was begun");

        acks.Begin(buffer, 1, true, null);
        acks.BeginList("dtcs");
        acks.Finish().Should().Be(CommandAckEncoder.NothingToEncode, "the list is still open");

        acks.Begin(buffer, 1, true, null);
        acks.AddListItem("P0301");
        acks.Finish().Should().Be(CommandAckEncoder.NothingToEncode, "an item outside a list");

        acks.Begin(buffer, 1, true, new string('x', 65));
        acks.Finish().Should().Be(CommandAckEncoder.NothingToEncode, "the error text is too long");

        acks.Begin(new byte[10], 1, false, "no room for this error text");
        acks.Finish().Should().Be(CommandAckEncoder.DoesNotFit);
    }

    [Fact]
    public void Events_and_statuses_that_break_the_limits_are_not_encoded()
    {
        var buffer = new byte[2048];
        new EventEncoder().Encode(new BoxEvent { Type = BoxEventType.Reboot, Detail = new string('é', 129) }, 1, buffer)
            .Should().Be(EventEncoder.NothingToEncode, "258 UTF-8 bytes exceed the detail limit");
        new EventEncoder().Encode(Samples.Event(BoxEventType.DtcSet), 1, new byte[20]).Should().Be(EventEncoder.DoesNotFit);
        new StatusEncoder().Encode(new BoxStatus { FirmwareVersion = new string('1', 65) }, buffer).Should().Be(StatusEncoder.NothingToEncode);
    }
}
