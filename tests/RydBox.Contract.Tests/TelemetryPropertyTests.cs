using CsCheck;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

public class TelemetryPropertyTests
{
    [Fact]
    public void Any_batch_round_trips_exactly()
    {
        Generators.Batch.Sample(spec =>
        {
            var buffer = new byte[WireLimits.MaxMessageBytes];
            long sequence = spec.Times[0] & long.MaxValue;
            int length = new TelemetryEncoder().Encode(spec.Build(), sequence, buffer);
            length.Should().BePositive();

            TelemetryMessage decoded = TelemetryDecoder.Decode(buffer.AsMemory(0, length));
            decoded.Sequence.Should().Be(sequence);
            decoded.Samples.Select(s => s.UnixMilliseconds).Should().Equal(spec.Times);
            for (int row = 0; row < spec.Times.Length; row++)
            {
                // Plain comparison first: FluentAssertions' equivalency is too slow for hundreds of samples.
                var expected = spec.Columns.Where(c => c.Values[row].HasValue).Select(c => (c.SignalId, c.Values[row]!.Value)).Order().ToList();
                var actual = decoded.Samples[row].Values.Select(v => (v.SignalId, v.Raw)).Order().ToList();
                if (!actual.SequenceEqual(expected))
                {
                    actual.Should().Equal(expected, $"row {row}");
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void A_buffer_one_byte_short_reports_that_it_does_not_fit()
    {
        Generators.Batch.Sample(spec =>
        {
            var encoder = new TelemetryEncoder();
            TelemetryBatch batch = spec.Build();
            var roomy = new byte[WireLimits.MaxMessageBytes];
            int length = encoder.Encode(batch, 1, roomy);

            var exact = new byte[length];
            encoder.Encode(batch, 1, exact).Should().Be(length);
            exact.AsSpan().SequenceEqual(roomy.AsSpan(0, length)).Should().BeTrue();
            encoder.Encode(batch, 1, new byte[length - 1]).Should().Be(TelemetryEncoder.DoesNotFit);
        }, iter: 200);
    }

    [Fact]
    public void Empty_batches_and_negative_sequences_are_not_encoded()
    {
        var encoder = new TelemetryEncoder();
        var buffer = new byte[256];
        encoder.Encode(new TelemetryBatch(4, 4), 1, buffer).Should().Be(TelemetryEncoder.NothingToEncode);
        encoder.Encode(Samples.Batch(), -1, buffer).Should().Be(TelemetryEncoder.NothingToEncode);
    }

    [Fact]
    public void A_full_64_row_batch_with_gaps_round_trips()
    {
        var batch = new TelemetryBatch(64, 2);
        for (int row = 0; row < 64; row++)
        {
            batch.BeginRow(Samples.BaseTime + row * 1000L);
            batch.Set(SignalIds.Hdop, 90);
            if (row % 2 == 1)
            {
                batch.Set(SignalIds.SatellitesUsed, row);
            }
        }

        var buffer = new byte[4096];
        int length = new TelemetryEncoder().Encode(batch, 9, buffer);
        TelemetryMessage decoded = TelemetryDecoder.Decode(buffer.AsMemory(0, length));

        decoded.Samples.Should().HaveCount(64);
        decoded.Samples[63].Find(SignalIds.SatellitesUsed)!.Raw.Should().Be(63);
        decoded.Samples[62].Find(SignalIds.SatellitesUsed).Should().BeNull();
        decoded.Samples.Should().OnlyContain(s => s.Find(SignalIds.Hdop)!.Raw == 90);
    }

    [Fact]
    public void Each_column_takes_the_cheaper_predictor()
    {
        // A ramp costs one byte per row under linear extrapolation; a flat line with noise, under the previous value.
        var batch = new TelemetryBatch(10, 2);
        for (int row = 0; row < 10; row++)
        {
            batch.BeginRow(Samples.BaseTime + row * 1000L);
            batch.Set(SignalIds.Latitude, 481_000_000 + row * 1500L);
            batch.Set(SignalIds.Hdop, 90 + (row % 3));
        }

        var buffer = new byte[256];
        int length = new TelemetryEncoder().Encode(batch, 1, buffer);
        string hex = Convert.ToHexString(buffer, 0, length);

        // Linear latitude: signal -2, the start, one delta, then nothing (the line holds).
        hex.Should().Contain("83211A1CAB7A401905DC");
        // Previous-value hdop: signal 6, 90, then the +1, +1, -2 pattern.
        hex.Should().Contain("8B06185A0101210101210101");
        TelemetryDecoder.Decode(buffer.AsMemory(0, length)).Samples[9].Find(SignalIds.Latitude)!.Raw.Should().Be(481_013_500);
    }
}
