using RydBox.Firmware.Obd.Dtc;

namespace RydBox.Firmware.Tests.Obd.Dtc;

public class DtcListParserTests
{
    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static string[] Codes(DtcList list) => Enumerable.Range(0, list.Count).Select(list.CodeAt).ToArray();

    [Theory]
    [InlineData("43")]
    [InlineData("47")]
    [InlineData("4A")]
    public void Can_response_with_count_byte_lists_every_code(string service)
    {
        var list = new DtcList(8);
        byte[] payload = Bytes(service + " 04 0301 4035 9234 C100");

        DtcListParser.Parse(payload, payload.Length, true, list).Should().Be(DtcParseStatus.Ok);

        Codes(list).Should().Equal("P0301", "C0035", "B1234", "U0100");
        list.RawAt(3).Should().Be(0xC100);
    }

    [Fact]
    public void Can_response_with_no_codes_is_ok_and_empty()
    {
        var list = new DtcList(4);
        list.Add(0x0301);
        DtcListParser.Parse(Bytes("43 00"), 2, true, list).Should().Be(DtcParseStatus.Ok);
        list.Count.Should().Be(0);
    }

    [Fact]
    public void Non_can_response_has_no_count_and_skips_zero_padding()
    {
        var list = new DtcList(8);
        byte[] payload = Bytes("43 0133 4035 0000 9234 0000 0000");

        DtcListParser.Parse(payload, payload.Length, false, list).Should().Be(DtcParseStatus.Ok);

        Codes(list).Should().Equal("P0133", "C0035", "B1234");
    }

    [Fact]
    public void Only_length_bytes_are_read()
    {
        var list = new DtcList(8);
        byte[] payload = Bytes("47 0301 0420 FFFF FFFF");
        DtcListParser.Parse(payload, 5, false, list).Should().Be(DtcParseStatus.Ok);
        Codes(list).Should().Equal("P0301", "P0420");
    }

    [Fact]
    public void Codes_beyond_capacity_are_dropped_and_reported()
    {
        var list = new DtcList(2);
        byte[] payload = Bytes("43 03 0301 0302 0303");

        DtcListParser.Parse(payload, payload.Length, true, list).Should().Be(DtcParseStatus.Overflow);

        Codes(list).Should().Equal("P0301", "P0302");
        list.Overflowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("43 02 0301", true, DtcParseStatus.CountMismatch)]
    [InlineData("43 01 0301 0302", true, DtcParseStatus.CountMismatch)]
    [InlineData("43 01 03", true, DtcParseStatus.OddLength)]
    [InlineData("43 0301 04", false, DtcParseStatus.OddLength)]
    [InlineData("41 01 0301", true, DtcParseStatus.WrongService)]
    [InlineData("7F 03 11", false, DtcParseStatus.WrongService)]
    [InlineData("43", true, DtcParseStatus.TooShort)]
    [InlineData("", false, DtcParseStatus.TooShort)]
    public void Malformed_payloads_report_a_status_and_leave_the_list_empty(string hex, bool can, DtcParseStatus status)
    {
        var list = new DtcList(4);
        list.Add(0x0301);
        byte[] payload = Bytes(hex);

        DtcListParser.Parse(payload, payload.Length, can, list).Should().Be(status);

        list.Count.Should().Be(0);
    }

    [Fact]
    public void Bad_buffer_arguments_do_not_throw()
    {
        var list = new DtcList(4);
        DtcListParser.Parse(null!, 3, true, list).Should().Be(DtcParseStatus.TooShort);
        DtcListParser.Parse(Bytes("43 01 0301"), 9, true, list).Should().Be(DtcParseStatus.TooShort);
        DtcListParser.Parse(Bytes("43 01 0301"), -1, false, list).Should().Be(DtcParseStatus.TooShort);
        list.Count.Should().Be(0);
    }

    [Fact]
    public void List_formats_into_a_char_buffer_without_allocating()
    {
        var list = new DtcList(4);
        byte[] payload = Bytes("43 02 C100 9234");
        DtcListParser.Parse(payload, payload.Length, true, list);
        char[] buffer = new char[10];

        long before = GC.GetAllocatedBytesForCurrentThread();
        int written = list.FormatAt(0, buffer, 0) + list.FormatAt(1, buffer, 5) + list.FormatAt(2, buffer, 0);
        DtcListParser.Parse(payload, payload.Length, true, list);
        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);

        written.Should().Be(10, "index 2 is past Count and writes nothing");
        new string(buffer).Should().Be("U0100B1234");
    }
}
