using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

/// <summary>
/// Thousands of damaged payloads (bit flips, overwritten, inserted and deleted bytes, cuts) go
/// through every decoder: each must decode or throw WireFormatException, nothing else. The box's
/// command parser gets the same treatment and must never throw at all.
/// </summary>
public class MutationFuzzTests
{
    private const int MutationsPerPayload = 400;

    private static readonly Func<ReadOnlyMemory<byte>, object>[] Decoders =
    [
        p => TelemetryDecoder.Decode(p),
        p => EventDecoder.Decode(p),
        p => StatusDecoder.Decode(p),
        p => CommandAckDecoder.Decode(p),
    ];

    public static IEnumerable<byte[]> ValidPayloads()
    {
        yield return Samples.BatchPayload();
        yield return RandomBatch(new Random(1));
        yield return RandomBatch(new Random(2));
        foreach (BoxEventType type in Enum.GetValues<BoxEventType>())
        {
            yield return Samples.EventPayload(type);
        }

        yield return Samples.StatusPayload(true);
        yield return Samples.StatusPayload(false);
        yield return Samples.AckPayload();
        yield return Samples.CommandPayload();
    }

    [Fact]
    public void Damaged_payloads_decode_or_throw_WireFormatException_only()
    {
        var random = new Random(20240514);
        int rejected = 0;
        int decoded = 0;
        foreach (byte[] payload in ValidPayloads())
        {
            for (int i = 0; i < MutationsPerPayload; i++)
            {
                byte[] damaged = PayloadMutations.Mutate(payload, random);
                foreach (var decode in Decoders)
                {
                    try
                    {
                        decode(damaged);
                        decoded++;
                    }
                    catch (WireFormatException e)
                    {
                        e.Message.Should().NotBeNullOrWhiteSpace();
                        // Only System.Formats.Cbor's own content errors may be wrapped; anything else means a check is missing.
                        e.InnerException.Should().Match(inner => inner == null || inner is System.Formats.Cbor.CborContentException, e.Message);
                        Enum.IsDefined(e.Reason).Should().BeTrue();
                        rejected++;
                    }
                    catch (Exception e)
                    {
                        throw new Xunit.Sdk.XunitException(
                            $"{e.GetType().Name} escaped for {Convert.ToHexString(damaged)}: {e.Message}");
                    }
                }
            }
        }

        rejected.Should().BeGreaterThan(decoded, "most damage must be noticed");
        decoded.Should().BePositive("some damage (a changed value) still leaves a valid payload");
    }

    [Fact]
    public void Random_bytes_decode_or_throw_WireFormatException_only()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            foreach (var decode in Decoders)
            {
                try
                {
                    decode(bytes);
                }
                catch (WireFormatException)
                {
                }
            }
        }
    }

    [Fact]
    public void The_box_command_parser_never_throws_on_damaged_commands()
    {
        var random = new Random(99);
        var parser = new CommandParser();
        var command = new BoxCommand();
        var statuses = new HashSet<WireStatus>();
        foreach (byte[] payload in ValidPayloads())
        {
            for (int i = 0; i < MutationsPerPayload; i++)
            {
                byte[] damaged = PayloadMutations.Mutate(payload, random);
                statuses.Add(parser.Parse(damaged, damaged.Length, command));
            }
        }

        statuses.Should().Contain([WireStatus.Ok, WireStatus.Truncated, WireStatus.Malformed, WireStatus.InvalidValue]);
    }

    private static byte[] RandomBatch(Random random)
    {
        var batch = new TelemetryBatch(20, 12);
        long time = Samples.BaseTime;
        for (int row = 0; row < 20; row++)
        {
            batch.BeginRow(time += random.Next(1, 3000));
            for (int id = 1; id <= 12; id++)
            {
                if (random.Next(3) > 0)
                {
                    batch.Set(id * 37, random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
                }
            }
        }

        var buffer = new byte[8192];
        return Samples.Cut(buffer, new TelemetryEncoder().Encode(batch, random.Next(), buffer));
    }
}
