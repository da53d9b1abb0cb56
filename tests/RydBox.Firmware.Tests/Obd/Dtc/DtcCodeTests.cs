using RydBox.Firmware.Obd.Dtc;

namespace RydBox.Firmware.Tests.Obd.Dtc;

public class DtcCodeTests
{
    [Theory]
    [InlineData(0x03, 0x01, "P0301")]
    [InlineData(0x00, 0x00, "P0000")]
    [InlineData(0x3F, 0xFF, "P3FFF")]
    [InlineData(0x40, 0x35, "C0035")]
    [InlineData(0x7A, 0xBC, "C3ABC")]
    [InlineData(0x92, 0x34, "B1234")]
    [InlineData(0xC1, 0x00, "U0100")]
    [InlineData(0xFF, 0xFF, "U3FFF")]
    public void Formats_system_letter_then_four_digits(byte first, byte second, string expected)
    {
        DtcCode.ToText(first, second).Should().Be(expected);
        DtcCode.ToText(DtcCode.Combine(first, second)).Should().Be(expected);
    }

    [Fact]
    public void Format_writes_five_chars_at_the_offset_and_leaves_the_rest_alone()
    {
        char[] buffer = "##########".ToCharArray();
        DtcCode.Format(0x0301, buffer, 3).Should().Be(5);
        new string(buffer).Should().Be("###P0301##");
    }

    [Fact]
    public void Format_writes_nothing_when_the_buffer_is_too_small()
    {
        char[] buffer = "####".ToCharArray();
        DtcCode.Format(0x0301, buffer, 0).Should().Be(0);
        DtcCode.Format(0x0301, "#####".ToCharArray(), 1).Should().Be(0);
        DtcCode.Format(0x0301, null!, 0).Should().Be(0);
        DtcCode.Format(0x0301, "#####".ToCharArray(), -1).Should().Be(0);
        new string(buffer).Should().Be("####");
    }

    [Fact]
    public void Format_does_not_allocate()
    {
        char[] buffer = new char[5];
        DtcCode.Format(0xC100, buffer, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            DtcCode.Format((ushort)i, buffer, 0);
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
        new string(buffer).Should().Be("P03E7");
    }
}
