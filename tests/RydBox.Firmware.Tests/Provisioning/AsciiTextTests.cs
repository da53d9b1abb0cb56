using RydBox.Firmware.Provisioning;

namespace RydBox.Firmware.Tests.Provisioning;

public class AsciiTextTests
{
    [Fact]
    public void Ascii_bytes_become_the_same_characters()
    {
        byte[] bytes = Enumerable.Range(0, 128).Select(b => (byte)b).ToArray();

        string text = AsciiText.Decode(bytes, 0, bytes.Length);

        text.Should().Be(System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Bytes_above_127_are_marked_invalid_one_for_one()
    {
        byte[] bytes = { (byte)'a', 0xC3, 0xB6, (byte)'b', 0xFF };

        AsciiText.Decode(bytes, 0, bytes.Length).Should().Be("a" + AsciiText.Invalid + AsciiText.Invalid + "b" + AsciiText.Invalid);
    }

    [Fact]
    public void A_leading_utf8_byte_order_mark_is_skipped_and_the_window_is_respected()
    {
        byte[] bytes = { 0x00, 0xEF, 0xBB, 0xBF, (byte)'k', (byte)'=', (byte)'v', 0x00 };

        AsciiText.Decode(bytes, 1, 6).Should().Be("k=v");
        AsciiText.Decode(bytes, 1, 3).Should().BeEmpty();
        AsciiText.Decode(bytes, 0, 0).Should().BeEmpty();
    }
}
