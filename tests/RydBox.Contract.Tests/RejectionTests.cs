using System.Formats.Cbor;

namespace RydBox.Contract.Tests;

/// <summary>Every way a payload can be wrong gives a WireFormatException with the reason the gateway counts.</summary>
public class RejectionTests
{
    private static readonly byte[] Batch = Samples.BatchPayload();

    public static TheoryData<string, byte[], WireError> TelemetryCases()
    {
        return new TheoryData<string, byte[], WireError>
        {
            { "empty", [], WireError.Truncated },
            { "cut in the middle", Batch[..20], WireError.Truncated },
            { "cut by one byte", Batch[..^1], WireError.Truncated },
            { "a byte after the payload", [.. Batch, 0x00], WireError.Malformed },
            { "an array, not a map", Hex("8100"), WireError.Malformed },
            { "reserved additional information", Hex("A1001C"), WireError.Malformed },
            { "indefinite-length array", Hex("A5000101010200039F00FF0480"), WireError.Malformed },
            { "a tag", Hex("A50001010102C11A5F000000038004 80"), WireError.Malformed },
            { "nested too deep", Payload(w => Nest(w, 9)), WireError.Malformed },
            { "duplicate key", Payload(w => { w.WriteStartMap(3); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(2); w.WriteEndMap(); }), WireError.Malformed },
            { "more than 64 KiB", Payload(w => w.WriteByteString(new byte[WireLimits.MaxMessageBytes])), WireError.Oversized },
            { "65 rows", Batch_(steps: Enumerable.Repeat(1000L, 64).ToArray()), WireError.Oversized },
            { "257 columns", Batch_(groups: [Group(0, Enumerable.Range(1, 257).Select(id => new long[] { id, 5 }).ToArray())]), WireError.Oversized },
            { "version 2", Batch_(version: 2), WireError.UnsupportedVersion },
            { "version not first", Payload(w => { w.WriteStartMap(2); w.WriteInt32(1); w.WriteInt32(5); w.WriteInt32(0); w.WriteInt32(1); w.WriteEndMap(); }), WireError.MissingField },
            { "no sequence", Batch_(sequence: null), WireError.MissingField },
            { "no groups", Batch_(withGroups: false), WireError.MissingField },
            { "negative sequence", Batch_(sequence: -1), WireError.InvalidValue },
            { "text where the time goes", Payload(w => { w.WriteStartMap(2); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(2); w.WriteTextString("now"); w.WriteEndMap(); }), WireError.InvalidValue },
            { "a row no later than the one before", Batch_(steps: [1000, -1000]), WireError.InvalidValue },
            { "times beyond the year 9999", Batch_(steps: [long.MaxValue / 2]), WireError.InvalidValue },
            { "rows mask naming a row the batch lacks", Batch_(groups: [Group(0b1000, [1, 5])]), WireError.InvalidValue },
            { "more values than rows", Batch_(groups: [Group(0, [1, 5, 6, 7])]), WireError.InvalidValue },
            { "a signal in two columns", Batch_(groups: [Group(0, [1, 5], [1, 6])]), WireError.InvalidValue },
            { "signal id 0", Batch_(groups: [Group(0, [0, 5])]), WireError.InvalidValue },
            { "a residual beyond 64 bits", Hex("A500010101020003800481820082013BFFFFFFFFFFFFFFFF"), WireError.InvalidValue },
        };
    }

    [Theory]
    [MemberData(nameof(TelemetryCases))]
    public void Telemetry_is_rejected_with_its_reason(string why, byte[] payload, WireError reason)
    {
        var thrown = FluentActions.Invoking(() => TelemetryDecoder.Decode(payload)).Should().Throw<WireFormatException>(why).Which;
        thrown.Reason.Should().Be(reason, $"{why}: {thrown.Message}");
        thrown.Message.Should().StartWith("telemetry");
    }

    [Fact]
    public void A_column_left_short_is_completed_with_zero_residuals_not_rejected()
    {
        // Two rows, latitude coded against the previous value with its second residual left out: it held still.
        TelemetryMessage batch = TelemetryDecoder.Decode(Batch_(steps: [1000], groups: [Group(0, [1, 481_000_000])]));
        batch.Samples.Select(s => s.Find(1)!.Raw).Should().Equal(481_000_000, 481_000_000);
    }

    [Fact]
    public void Entries_a_later_revision_adds_are_skipped()
    {
        byte[] payload = Payload(w =>
        {
            w.WriteStartMap(6);
            w.WriteInt32(0); w.WriteInt32(1);
            w.WriteInt32(1); w.WriteInt32(3);
            w.WriteInt32(2); w.WriteInt64(Samples.BaseTime);
            w.WriteInt32(3); w.WriteStartArray(0); w.WriteEndArray();
            w.WriteInt32(4); w.WriteStartArray(0); w.WriteEndArray();
            w.WriteInt32(99); w.WriteStartMap(1); w.WriteTextString("future"); w.WriteBoolean(true); w.WriteEndMap();
            w.WriteEndMap();
        });

        TelemetryDecoder.Decode(payload).Samples.Should().ContainSingle().Which.Values.Should().BeEmpty();
    }

    public static TheoryData<string, byte[], WireError> EventCases()
    {
        return new TheoryData<string, byte[], WireError>
        {
            { "latitude without longitude", Event(1, w => { w.WriteInt32(4); w.WriteInt32(1); }), WireError.MissingField },
            { "latitude beyond 90°", Event(2, w => { w.WriteInt32(4); w.WriteInt32(900_000_001); w.WriteInt32(5); w.WriteInt32(0); }), WireError.InvalidValue },
            { "type 0", Payload(w => { w.WriteStartMap(4); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(2); w.WriteInt32(0); w.WriteInt32(3); w.WriteInt32(0); w.WriteEndMap(); }), WireError.InvalidValue },
            { "detail of 257 bytes", Event(1, w => { w.WriteInt32(7); w.WriteTextString(new string('x', 257)); }), WireError.Oversized },
            { "detail not UTF-8", Hex("A5000101010201030007624180"), WireError.Malformed },
            { "detail not text", Event(1, w => { w.WriteInt32(7); w.WriteByteString([0x41]); }), WireError.InvalidValue },
            { "no time", Payload(w => { w.WriteStartMap(3); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(2); w.WriteInt32(1); w.WriteEndMap(); }), WireError.MissingField },
        };
    }

    [Theory]
    [MemberData(nameof(EventCases))]
    public void Events_are_rejected_with_their_reason(string why, byte[] payload, WireError reason)
    {
        var thrown = FluentActions.Invoking(() => EventDecoder.Decode(payload)).Should().Throw<WireFormatException>(why).Which;
        thrown.Reason.Should().Be(reason, $"{why}: {thrown.Message}");
    }

    [Fact]
    public void Status_ack_and_version_problems_are_rejected_with_their_reason()
    {
        Reason(() => StatusDecoder.Decode(Payload(w => { w.WriteStartMap(2); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteBoolean(true); w.WriteEndMap(); })))
            .Should().Be(WireError.MissingField, "a status needs its firmware version");
        Reason(() => StatusDecoder.Decode(Payload(w =>
        {
            w.WriteStartMap(4); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteBoolean(true); w.WriteInt32(2); w.WriteTextString("1");
            w.WriteInt32(6); w.WriteByteString(new byte[33]); w.WriteEndMap();
        }))).Should().Be(WireError.Oversized, "the PID bitmap has 32 bytes at most");
        Reason(() => StatusDecoder.Decode(Payload(w => { w.WriteStartMap(3); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(2); w.WriteTextString("1"); w.WriteEndMap(); })))
            .Should().Be(WireError.InvalidValue, "online is a boolean");
        Reason(() => CommandAckDecoder.Decode(Payload(w =>
        {
            w.WriteStartMap(4); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(3); w.WriteInt32(2); w.WriteBoolean(true);
            w.WriteInt32(4); w.WriteStartMap(1); w.WriteTextString("flag"); w.WriteBoolean(true); w.WriteEndMap(); w.WriteEndMap();
        }))).Should().Be(WireError.InvalidValue, "a result is an integer, a text or a list of texts");
        Reason(() => CommandAckDecoder.Decode(Payload(w => { w.WriteStartMap(2); w.WriteInt32(0); w.WriteInt32(1); w.WriteInt32(1); w.WriteInt32(3); w.WriteEndMap(); })))
            .Should().Be(WireError.MissingField, "an acknowledgement says whether it went well");
        Reason(() => EventDecoder.Decode(Payload(w => { w.WriteStartMap(1); w.WriteInt32(0); w.WriteInt32(7); w.WriteEndMap(); })))
            .Should().Be(WireError.UnsupportedVersion);
        Reason(() => StatusDecoder.Decode(Samples.StatusPayload(true)[..^3])).Should().Be(WireError.Truncated);
    }

    private static WireError Reason(Action decode) => FluentActions.Invoking(decode).Should().Throw<WireFormatException>().Which.Reason;

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static byte[] Payload(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false);
        write(writer);
        return writer.Encode();
    }

    private static void Nest(CborWriter w, int depth)
    {
        for (int i = 0; i < depth; i++)
        {
            w.WriteStartArray(1);
        }

        w.WriteInt32(0);
        for (int i = 0; i < depth; i++)
        {
            w.WriteEndArray();
        }
    }

    private static long[][] Group(ulong rows, params long[][] columns) => [[(long)rows], .. columns];

    /// <summary>A batch {0: version, 1: sequence, 2: time, 3: steps, 4: groups}; a null part is left out.</summary>
    private static byte[] Batch_(long version = 1, long? sequence = 5, long[]? steps = null, long[][][]? groups = null, bool withGroups = true) =>
        Payload(w =>
        {
            groups ??= withGroups ? [Group(0, [1, 481_000_000])] : null;
            steps ??= [];
            w.WriteStartMap(3 + (sequence is null ? 0 : 1) + (groups is null ? 0 : 1));
            w.WriteInt32(0);
            w.WriteInt64(version);
            if (sequence is long s)
            {
                w.WriteInt32(1);
                w.WriteInt64(s);
            }

            w.WriteInt32(2);
            w.WriteInt64(Samples.BaseTime);
            w.WriteInt32(3);
            w.WriteStartArray(steps.Length);
            foreach (long step in steps)
            {
                w.WriteInt64(step);
            }

            w.WriteEndArray();
            if (groups is not null)
            {
                w.WriteInt32(4);
                w.WriteStartArray(groups.Length);
                foreach (long[][] group in groups)
                {
                    w.WriteStartArray(group.Length);
                    w.WriteInt64(group[0][0]);
                    foreach (long[] column in group.Skip(1))
                    {
                        w.WriteStartArray(column.Length);
                        foreach (long v in column)
                        {
                            w.WriteInt64(v);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            w.WriteEndMap();
        });

    /// <summary>A valid event head (version, sequence, type 1, time) plus the <paramref name="entries"/> entries <paramref name="extra"/> writes.</summary>
    private static byte[] Event(int entries, Action<CborWriter> extra) =>
        Payload(w =>
        {
            w.WriteStartMap(4 + entries);
            w.WriteInt32(0); w.WriteInt32(1);
            w.WriteInt32(1); w.WriteInt32(1);
            w.WriteInt32(2); w.WriteInt32(1);
            w.WriteInt32(3); w.WriteInt64(Samples.BaseTime);
            extra(w);
            w.WriteEndMap();
        });
}
