using System.Formats.Cbor;
using System.Text;
using CsCheck;
using CoreCborWriter = RydBox.Firmware.Wire.CborWriter;
using RydBox.Firmware.Wire;
using CborReader = System.Formats.Cbor.CborReader;

namespace RydBox.Contract.Tests;

/// <summary>The box's CBOR writer and UTF-8 conversion against System.Formats.Cbor and System.Text.Encoding.</summary>
public class CborWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(23L, "17")]
    [InlineData(24L, "1818")]
    [InlineData(255L, "18FF")]
    [InlineData(256L, "190100")]
    [InlineData(65535L, "19FFFF")]
    [InlineData(65536L, "1A00010000")]
    [InlineData(4294967295L, "1AFFFFFFFF")]
    [InlineData(4294967296L, "1B0000000100000000")]
    [InlineData(long.MaxValue, "1B7FFFFFFFFFFFFFFF")]
    [InlineData(-1L, "20")]
    [InlineData(-24L, "37")]
    [InlineData(-25L, "3818")]
    [InlineData(-256L, "38FF")]
    [InlineData(-257L, "390100")]
    [InlineData(long.MinValue, "3B7FFFFFFFFFFFFFFF")]
    public void Integers_take_their_shortest_form(long value, string hex)
    {
        var buffer = new byte[9];
        var writer = new CoreCborWriter();
        writer.Reset(buffer);
        writer.WriteInt(value);
        Convert.ToHexString(buffer, 0, writer.Length).Should().Be(hex);
        CoreCborWriter.IntSize(value).Should().Be(hex.Length / 2);
    }

    [Fact]
    public void Any_integer_is_what_System_Formats_Cbor_writes_in_canonical_mode()
    {
        Generators.Value.Sample(value =>
        {
            var canonical = new System.Formats.Cbor.CborWriter(CborConformanceMode.Canonical);
            canonical.WriteInt64(value);
            var buffer = new byte[9];
            var writer = new CoreCborWriter();
            writer.Reset(buffer);
            writer.WriteInt(value);
            buffer[..writer.Length].Should().Equal(canonical.Encode());
        }, iter: 2000);
    }

    [Fact]
    public void Any_valid_text_is_written_as_UTF8_and_read_back_by_the_box()
    {
        Generators.Text(0, 40).Sample(text =>
        {
            var buffer = new byte[200];
            var writer = new CoreCborWriter();
            writer.Reset(buffer);
            writer.WriteText(text);
            byte[] written = buffer[..writer.Length];
            new CborReader(written).ReadTextString().Should().Be(text);
            Utf8.ByteCount(text, 0, text.Length).Should().Be(Encoding.UTF8.GetByteCount(text));

            var reader = new RydBox.Firmware.Wire.CborReader();
            reader.Reset(written, 0, written.Length);
            var chars = new char[200];
            int count = reader.ReadText(chars, 200);
            new string(chars, 0, count).Should().Be(text);
        }, iter: 1000);
    }

    [Fact]
    public void A_lone_surrogate_is_sent_as_the_replacement_character()
    {
        var buffer = new byte[16];
        var writer = new CoreCborWriter();
        writer.Reset(buffer);
        writer.WriteText("a\uD800b");
        new CborReader(buffer.AsMemory(0, writer.Length)).ReadTextString().Should().Be("a\uFFFDb");
    }

    [Theory]
    [InlineData("C0AF", "overlong slash")]
    [InlineData("E080AF", "overlong slash in three bytes")]
    [InlineData("EDA080", "a surrogate")]
    [InlineData("F4908080", "beyond U+10FFFF")]
    [InlineData("E282", "cut short")]
    [InlineData("80", "a lone continuation byte")]
    [InlineData("FF", "never valid")]
    public void The_box_refuses_ill_formed_UTF8(string hex, string why)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Utf8.Decode(bytes, 0, bytes.Length, new char[8], 0).Should().Be(-1, why);
    }

    [Fact]
    public void Running_out_of_room_is_reported_not_thrown()
    {
        var writer = new CoreCborWriter();
        writer.Reset(new byte[4]);
        writer.WriteInt(1);
        writer.WriteText("four");
        writer.WriteInt(2);
        writer.Overflowed.Should().BeTrue();

        writer.Reset(null!);
        writer.WriteInt(1);
        writer.Overflowed.Should().BeTrue();
    }

    [Fact]
    public void A_container_that_outgrows_its_reserved_head_moves_its_items()
    {
        var buffer = new byte[1024];
        var writer = new CoreCborWriter();
        writer.Reset(buffer);
        int head = writer.BeginArray();
        for (int i = 0; i < 300; i++)
        {
            writer.WriteInt(i);
        }

        writer.EndArray(head, 300);
        var reader = new CborReader(buffer.AsMemory(0, writer.Length));
        reader.ReadStartArray().Should().Be(300);
        Enumerable.Range(0, 300).Select(_ => reader.ReadInt32()).ToArray().Should().Equal(Enumerable.Range(0, 300).ToArray());
        reader.ReadEndArray();
        reader.BytesRemaining.Should().Be(0);
    }
}
