using System.Formats.Cbor;
using CsCheck;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

/// <summary>
/// TelemetryDecoder reads the batches boxes write with a fast path of its own and everything else
/// with the general reader (System.Formats.Cbor): for any bytes, both must end the same way — the
/// same message, or the same error with the same reason and text.
/// </summary>
public class TelemetryFastPathTests
{
    [Fact]
    public void Batches_as_boxes_write_them_take_the_fast_path_and_decode_as_the_general_reader_does()
    {
        Generators.Batch.Sample(spec =>
        {
            var buffer = new byte[WireLimits.MaxMessageBytes];
            int length = new TelemetryEncoder().Encode(spec.Build(), spec.Times[0] & long.MaxValue, buffer);
            ReadOnlyMemory<byte> payload = buffer.AsMemory(0, length);

            TelemetryMessage? fast = TelemetryFastPath.TryDecode(payload.Span);
            fast.Should().NotBeNull("the encoder writes the form the fast path reads");
            Same(fast!, TelemetryDecoder.DecodeGenerally(payload));
        }, iter: 300);
    }

    [Fact]
    public void Damaged_batches_end_as_the_general_reader_ends_them()
    {
        var random = new Random(4711);
        int fast = 0;
        int rejected = 0;
        foreach (byte[] payload in Payloads(random))
        {
            for (int i = 0; i < 600; i++)
            {
                byte[] damaged = PayloadMutations.Mutate(payload, random);
                if (TelemetryFastPath.TryDecode(damaged) is not null)
                {
                    fast++;
                }

                if (!SameOutcome(damaged))
                {
                    rejected++;
                }
            }
        }

        fast.Should().BePositive("some damage (a changed value) leaves a batch the fast path reads");
        rejected.Should().BePositive("most damage is an error, named by the general reader");
    }

    public static TheoryData<string, string> OtherForms() => new()
    {
        // The golden vector, then the same batch written in ways the box does not write but v1 allows.
        { "the golden vector", "A5000101182A021B0000018F760218C003821903E8030482830083211A1CB125941878831880191F400C8205831888183202" },
        { "a sequence in a longer head", "A500010119002A021B0000018F760218C003821903E8030482830083211A1CB125941878831880191F400C8205831888183202" },
        { "an entry of a later revision", "A6000101182A021B0000018F760218C003821903E8030482830083211A1CB125941878831880191F400C8205831888183202186300" },
        { "keys out of order", "A50001021B0000018F760218C001182A03821903E8030482830083211A1CB125941878831880191F400C8205831888183202" },
        { "a residual in a longer head", "A5000101182A021B0000018F760218C003821903E8030482830083211A1CB1259418788318801A00001F400C8205831888183202" },
        { "a group with a mask beyond the rows and no column", "A5000101182A021B0000018F760218C003821903E8030483830083211A1CB125941878831880191F400C82058318881832028118FF" },
    };

    [Theory]
    [MemberData(nameof(OtherForms))]
    public void Other_valid_forms_go_to_the_general_reader_and_decode_the_same(string why, string hex)
    {
        byte[] payload = Convert.FromHexString(hex);
        TelemetryMessage expected = TelemetryDecoder.DecodeGenerally(payload);
        if (why != "the golden vector")
        {
            TelemetryFastPath.TryDecode(payload).Should().BeNull(why);
        }

        Same(TelemetryDecoder.Decode(payload), expected);
        expected.Sequence.Should().Be(42, why);
        expected.Samples.Select(s => s.Find(SignalIds.Latitude)!.Raw).Should().Equal([481_371_540L, 481_371_660L, 481_371_780L], why);
    }

    [Fact]
    public void Columns_and_samples_tell_the_same_batch()
    {
        TelemetryMessage batch = TelemetryDecoder.Decode(Samples.BatchPayload());
        batch.SampleCount.Should().Be(3);
        Enumerable.Range(0, 3).Select(batch.TimeOf).Should().Equal(batch.Samples.Select(s => s.UnixMilliseconds));

        TelemetryColumn speed = batch.Columns.Single(c => c.SignalId == Samples.Speed);
        speed.Raw.ToArray().Should().Equal(50, 52);
        speed.Rows.ToArray().Should().Equal(0, 2);
        (speed.LastRow, speed.LastRaw, speed.Info.Name).Should().Be((2, 52L, "vehicle_speed"));

        // A message made from samples answers the same through its columns.
        var copy = new TelemetryMessage(batch.Version, batch.Sequence, batch.Samples.ToList());
        Columns(copy).Should().BeEquivalentTo(Columns(batch));
        Enumerable.Range(0, 3).Select(copy.TimeOf).Should().Equal(batch.Samples.Select(s => s.UnixMilliseconds));
    }

    /// <summary>Decode (fast path first) and the general reader alone agree on these bytes; true when they decoded.</summary>
    private static bool SameOutcome(byte[] payload)
    {
        TelemetryMessage? expected = null;
        WireFormatException? expectedError = null;
        try
        {
            expected = TelemetryDecoder.DecodeGenerally(payload);
        }
        catch (WireFormatException e)
        {
            expectedError = e;
        }

        TelemetryMessage? actual = null;
        WireFormatException? actualError = null;
        try
        {
            actual = TelemetryDecoder.Decode(payload);
        }
        catch (WireFormatException e)
        {
            actualError = e;
        }

        string hex = Convert.ToHexString(payload);
        if (expectedError is not null)
        {
            actualError.Should().NotBeNull($"the general reader refuses {hex}: {expectedError.Message}");
            (actualError!.Reason, actualError.Message).Should().Be((expectedError.Reason, expectedError.Message), hex);
            return false;
        }

        actualError.Should().BeNull($"the general reader decodes {hex}");
        Same(actual!, expected!);
        return true;
    }

    private static void Same(TelemetryMessage actual, TelemetryMessage expected)
    {
        (actual.Version, actual.Sequence, actual.SampleCount).Should().Be((expected.Version, expected.Sequence, expected.SampleCount));
        Enumerable.Range(0, actual.SampleCount).Select(actual.TimeOf).Should().Equal(Enumerable.Range(0, expected.SampleCount).Select(expected.TimeOf));
        Columns(actual).Should().Equal(Columns(expected), (a, b) => a.Signal == b.Signal && a.Raw.SequenceEqual(b.Raw) && a.Rows.SequenceEqual(b.Rows));
        for (int row = 0; row < actual.SampleCount; row++)
        {
            actual.Samples[row].UnixMilliseconds.Should().Be(expected.Samples[row].UnixMilliseconds);
            actual.Samples[row].Values.Should().Equal(expected.Samples[row].Values);
        }
    }

    private static List<(int Signal, long[] Raw, int[] Rows)> Columns(TelemetryMessage message) =>
        message.Columns.Select(c => (c.SignalId, c.Raw.ToArray(), c.Rows.ToArray())).ToList();

    private static IEnumerable<byte[]> Payloads(Random random)
    {
        yield return Samples.BatchPayload();
        var encoder = new TelemetryEncoder();
        for (int i = 0; i < 6; i++)
        {
            var batch = new TelemetryBatch(16, 12);
            long time = Samples.BaseTime;
            int rows = random.Next(1, 17);
            for (int row = 0; row < rows; row++)
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
            yield return Samples.Cut(buffer, encoder.Encode(batch, random.NextInt64(0, long.MaxValue) >> random.Next(64), buffer));
        }

        // A hand-made batch with what the encoder never writes: negative values, empty groups, long heads.
        var writer = new System.Formats.Cbor.CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(5);
        writer.WriteInt32(0); writer.WriteInt32(1);
        writer.WriteInt32(1); writer.WriteInt64(7);
        writer.WriteInt32(2); writer.WriteInt64(-5);
        writer.WriteInt32(3); writer.WriteStartArray(2); writer.WriteInt64(1); writer.WriteInt64(-1); writer.WriteEndArray();
        writer.WriteInt32(4);
        writer.WriteStartArray(3);
        writer.WriteStartArray(1); writer.WriteUInt64(0); writer.WriteEndArray();
        writer.WriteStartArray(2); writer.WriteUInt64(0b101); writer.WriteStartArray(3); writer.WriteInt64(-9); writer.WriteInt64(long.MinValue); writer.WriteInt64(long.MaxValue); writer.WriteEndArray(); writer.WriteEndArray();
        writer.WriteStartArray(2); writer.WriteUInt64(0); writer.WriteStartArray(2); writer.WriteInt64(3); writer.WriteInt64(-300); writer.WriteEndArray(); writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteEndMap();
        yield return writer.Encode();
    }
}
