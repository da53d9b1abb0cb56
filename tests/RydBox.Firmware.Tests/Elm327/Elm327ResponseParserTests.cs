using System.Text;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Tests.Elm327;

public class Elm327ResponseParserTests
{
    private readonly Elm327ResponseParser _parser = new();
    private readonly ObdResponseSet _set = new();

    private ObdStatus Parse(string text, bool isCan = true, bool headers = true)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(text.Replace("\n", "\r"));
        return _parser.Parse(bytes, 0, bytes.Length, isCan, headers, _set);
    }

    private static string Hex(EcuResponse r) => Convert.ToHexString(r.Data, 0, r.Length);

    [Theory]
    [InlineData("7E8 04 41 0C 1A F8")]
    [InlineData("7E804410C1AF8")]
    [InlineData("  7E8 04 41 0C 1A F8 00 00 00  ")]
    public void Eleven_bit_header_with_spaces_on_or_off_consumes_the_PCI_byte(string line)
    {
        Parse(line).Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(1);
        _set[0].EcuId.Should().Be(0x7E8u);
        Hex(_set[0]).Should().Be("410C1AF8", "the PCI length 04 counts 41 0C 1A F8; padding after it is cut");
    }

    [Fact]
    public void Pci_length_limits_the_payload_when_padding_follows()
    {
        Parse("7E8 03 41 0D 32 AA AA AA AA").Should().Be(ObdStatus.Ok);
        Hex(_set[0]).Should().Be("410D32");
    }

    [Theory]
    [InlineData("18 DA F1 10 03 41 0D 32")]
    [InlineData("18DAF11003410D32")]
    public void Twenty_nine_bit_header(string line)
    {
        Parse(line).Should().Be(ObdStatus.Ok);
        _set[0].EcuId.Should().Be(0x18DAF110u);
        Hex(_set[0]).Should().Be("410D32");
    }

    [Theory]
    [InlineData("7E8 10 14 49 02 01 31 44 34\n7E8 21 47 50 30 30 52 35 35\n7E8 22 42 31 32 33 34 35 36")]
    [InlineData("7E81014490201314434\r\n7E82147503030523535\r\n7E82242313233343536")]
    public void Vin_multi_frame_with_headers_on_is_reassembled_from_raw_iso_tp(string text)
    {
        Parse(text).Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(1);
        Hex(_set[0]).Should().Be("490201" + "31443447503030523535" + "42313233343536");
        _set[0].Length.Should().Be(0x14);
        _parser.TotalFrames.Should().Be(3);
    }

    [Fact]
    public void Vin_in_numbered_line_form_with_headers_off()
    {
        Parse("014\n0: 49 02 01 31 44 34\n1: 47 50 30 30 52 35 35\n2: 42 31 32 33 34 35 36", headers: false)
            .Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(1);
        Encoding.ASCII.GetString(_set[0].Data, 3, _set[0].Length - 3).Should().Be("1D4GP00R55B123456");
    }

    [Fact]
    public void Numbered_lines_without_spaces()
    {
        Parse("014\n0:490201314434\n1:47503030523535\n2:42313233343536", headers: false).Should().Be(ObdStatus.Ok);
        _set[0].Length.Should().Be(20);
    }

    [Fact]
    public void Several_ecus_answer_one_request_each_in_its_own_slot()
    {
        Parse("7E8 06 41 00 BE 3F A8 13\n7E9 06 41 00 98 18 80 11\n7EA 06 41 00 80 00 00 01").Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(3);
        _set.Find(0x7E9)!.Data[2].Should().Be(0x98);
        Hex(_set.Find(0x7EA)!).Should().Be("410080000001");
    }

    [Fact]
    public void Interleaved_multi_frame_answers_of_two_ecus_are_reassembled_separately()
    {
        Parse("7E8 10 0A 43 04 01 33 02 01\n7E9 03 43 01 01\n7E8 21 03 00 04 20 AA AA AA").Should().Be(ObdStatus.Ok);
        Hex(_set.Find(0x7E8)!).Should().Be("4304013302010300" + "0420");
        Hex(_set.Find(0x7E9)!).Should().Be("430101");
    }

    [Fact]
    public void Legacy_header_and_checksum_are_removed_and_frames_of_one_ecu_concatenated()
    {
        Parse("48 6B 10 41 0C 1A F8 A0\n48 6B 10 41 0D 32 E5", isCan: false).Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(1);
        _set[0].EcuId.Should().Be(0x10u);
        Hex(_set[0]).Should().Be("410C1AF8" + "410D32");
    }

    [Fact]
    public void Kwp_answers_from_two_ecus_without_spaces()
    {
        Parse("83F1104100BE3FA813\n83F1184100800000014C", isCan: false).Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(2);
        Hex(_set.Find(0x18)!).Should().Be("410080000001");
    }

    [Fact]
    public void Headers_off_single_frames_get_numbered_ecus_in_arrival_order()
    {
        Parse("41 00 BE 3F A8 13\n41 00 98 18 80 11", headers: false).Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(2);
        _set[0].EcuId.Should().Be(0u);
        _set[1].EcuId.Should().Be(1u);
        Hex(_set[1]).Should().Be("410098188011");
    }

    [Fact]
    public void Headers_off_legacy_lines_are_one_answer()
    {
        Parse("41 0C 1A F8\n41 0D 32", isCan: false, headers: false).Should().Be(ObdStatus.Ok);
        Hex(_set[0]).Should().Be("410C1AF8410D32");
    }

    [Theory]
    [InlineData("NO DATA", ObdStatus.NoData)]
    [InlineData("NODATA", ObdStatus.NoData)]
    [InlineData("UNABLE TO CONNECT", ObdStatus.UnableToConnect)]
    [InlineData("SEARCHING...\nUNABLE TO CONNECT", ObdStatus.UnableToConnect)]
    [InlineData("CAN ERROR", ObdStatus.BusError)]
    [InlineData("BUS INIT: ...ERROR", ObdStatus.BusError)]
    [InlineData("BUS INIT: ERROR", ObdStatus.BusError)]
    [InlineData("BUS ERROR", ObdStatus.BusError)]
    [InlineData("BUS BUSY", ObdStatus.BusError)]
    [InlineData("FB ERROR", ObdStatus.BusError)]
    [InlineData("DATA ERROR", ObdStatus.Garbled)]
    [InlineData("<RX ERROR", ObdStatus.Garbled)]
    [InlineData("7E8 06 41 0C 1A <RX ERROR", ObdStatus.Garbled)]
    [InlineData("7E8 03 41 0D 32 <DATA ERROR", ObdStatus.Garbled)]
    [InlineData("STOPPED", ObdStatus.Stopped)]
    [InlineData("?", ObdStatus.Rejected)]
    [InlineData("BUFFER FULL", ObdStatus.BufferFull)]
    [InlineData("ERR94", ObdStatus.BusError)]
    [InlineData("SEARCHING...", ObdStatus.NoData)]
    [InlineData("", ObdStatus.NoData)]
    [InlineData("\n\n", ObdStatus.NoData)]
    [InlineData("no data", ObdStatus.NoData)]
    public void Error_texts_map_to_statuses(string text, ObdStatus expected)
    {
        Parse(text).Should().Be(expected);
        _set.Count.Should().Be(0);
        _set.Status.Should().Be(expected);
    }

    [Theory]
    [InlineData("SEARCHING...\n7E8 06 41 00 BE 3F A8 13")]
    [InlineData("SEARCHING...7E8 06 41 00 BE 3F A8 13")]
    [InlineData("BUS INIT: ...OK\n7E8 06 41 00 BE 3F A8 13")]
    public void Search_and_bus_init_notices_are_skipped(string text)
    {
        Parse(text).Should().Be(ObdStatus.Ok);
        Hex(_set[0]).Should().Be("4100BE3FA813");
    }

    [Fact]
    public void Buffer_full_keeps_the_data_but_says_it_is_partial()
    {
        Parse("7E8 06 41 00 BE 3F A8 13\nBUFFER FULL").Should().Be(ObdStatus.BufferFull);
        _set.Count.Should().Be(1);
    }

    [Fact]
    public void Bad_and_partial_lines_are_skipped_and_good_ones_kept()
    {
        Parse("#$%&\n7E8 06 41\n7E8 03 41 0D 32\nZZ 12\n7E9 03 41 0D").Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(1);
        Hex(_set[0]).Should().Be("410D32");
        _parser.BadLines.Should().Be(4);
    }

    [Theory]
    [InlineData("#$%&")]
    [InlineData("7E8 06 41")]
    [InlineData("7E8 06 41 0C 1A F8")]
    [InlineData("7E8 21 47 50 30 30 52 35 35")]
    [InlineData("7E8 10 14 49 02 01 31 44 34\n7E8 21 47 50 30 30 52 35 35")]
    [InlineData("7E8 10 14 49 02 01 31 44 34\n7E8 22 47 50 30 30 52 35 35\n7E8 23 42 31 32 33 34 35 36")]
    [InlineData("014\n0: 49 02 01 31 44 34\n2: 47 50 30 30 52 35 35")]
    [InlineData("1: 49 02 01 31 44 34")]
    public void Nothing_good_is_garbled(string text)
    {
        Parse(text, headers: !text.Contains(':')).Should().Be(ObdStatus.Garbled);
        _set.Count.Should().Be(0);
    }

    [Fact]
    public void A_broken_sequence_drops_only_that_ecu()
    {
        Parse("7E8 10 14 49 02 01 31 44 34\n7E9 03 41 0D 32\n7E8 22 47 50 30 30 52 35 35").Should().Be(ObdStatus.Ok);
        _set.Count.Should().Be(1);
        _set[0].EcuId.Should().Be(0x7E9u);
        _parser.Incomplete.Should().BeTrue();
    }

    [Fact]
    public void Response_pending_is_replaced_by_the_final_answer()
    {
        Parse("7E8 03 7F 09 78\n7E8 06 49 04 01 41 42 43").Should().Be(ObdStatus.Ok);
        Hex(_set[0]).Should().Be("490401414243");
    }

    [Fact]
    public void Negative_response_is_an_answer()
    {
        Parse("7E8 03 7F 22 31").Should().Be(ObdStatus.Ok);
        _set[0].IsNegative.Should().BeTrue();
    }

    [Fact]
    public void Too_many_ecus_overflow_the_set_without_failing()
    {
        var small = new ObdResponseSet(2, 16);
        byte[] text = Encoding.ASCII.GetBytes("7E8 03 41 0D 32\r7E9 03 41 0D 33\r7EA 03 41 0D 34");
        _parser.Parse(text, 0, text.Length, true, true, small).Should().Be(ObdStatus.Ok);
        small.Count.Should().Be(2);
        small.Overflowed.Should().BeTrue();
    }

    [Fact]
    public void A_long_answer_is_truncated_to_the_slot()
    {
        var small = new ObdResponseSet(2, 8);
        byte[] text = Encoding.ASCII.GetBytes("7E8 10 14 49 02 01 31 44 34\r7E8 21 47 50 30 30 52 35 35\r7E8 22 42 31 32 33 34 35 36");
        _parser.Parse(text, 0, text.Length, true, true, small).Should().Be(ObdStatus.Ok);
        small[0].Length.Should().Be(8);
        small[0].Truncated.Should().BeTrue();
    }

    [Fact]
    public void Offset_and_length_select_the_text_and_bad_ranges_do_not_throw()
    {
        byte[] text = Encoding.ASCII.GetBytes("xx7E8 03 41 0D 32yy");
        _parser.Parse(text, 2, text.Length - 4, true, true, _set).Should().Be(ObdStatus.Ok);
        _parser.Parse(text, 5, 100, true, true, _set).Should().Be(ObdStatus.NoData);
        _parser.Parse(text, -1, 3, true, true, _set).Should().Be(ObdStatus.NoData);
    }

    [Fact]
    public void Parsing_again_allocates_nothing()
    {
        byte[] text = Encoding.ASCII.GetBytes("7E8 10 14 49 02 01 31 44 34\r7E8 21 47 50 30 30 52 35 35\r7E8 22 42 31 32 33 34 35 36\r7E9 03 41 0D 32\rNO DATA\rzz");
        _parser.Parse(text, 0, text.Length, true, true, _set);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            _parser.Parse(text, 0, text.Length, true, true, _set);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        _set.Count.Should().Be(2);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(327);
        const string alphabet = "0123456789ABCDEF    \r\n:.<>?SEARCHINGNODATAERR7E8";
        var set = new ObdResponseSet(3, 12);
        for (int n = 0; n < 5000; n++)
        {
            byte[] text = new byte[random.Next(0, 120)];
            for (int i = 0; i < text.Length; i++)
            {
                text[i] = n % 2 == 0 ? (byte)random.Next(256) : (byte)alphabet[random.Next(alphabet.Length)];
            }

            foreach (bool isCan in new[] { true, false })
            {
                foreach (bool headers in new[] { true, false })
                {
                    ObdStatus status = _parser.Parse(text, 0, text.Length, isCan, headers, set);
                    set.Count.Should().BeInRange(0, 3);
                    (status == ObdStatus.Ok).Should().Be(set.Count > 0 || false, $"case {n}");
                }
            }
        }
    }

    [Fact]
    public void Mutated_real_answers_never_throw_and_stay_bounded()
    {
        var random = new Random(1979);
        byte[] original = Encoding.ASCII.GetBytes("SEARCHING...\r7E8 10 14 49 02 01 31 44 34\r7E9 03 41 0D 32\r7E8 21 47 50 30 30 52 35 35\r7E8 22 42 31 32 33 34 35 36\r");
        for (int n = 0; n < 5000; n++)
        {
            byte[] text = (byte[])original.Clone();
            for (int k = random.Next(1, 6); k > 0; k--)
            {
                text[random.Next(text.Length)] = (byte)random.Next(256);
            }

            ObdStatus status = _parser.Parse(text, 0, random.Next(text.Length + 1), true, true, _set);
            status.Should().NotBe(ObdStatus.Timeout);
            for (int i = 0; i < _set.Count; i++)
            {
                _set[i].Length.Should().BeLessThanOrEqualTo(ObdResponseSet.DefaultPayloadCapacity);
            }
        }
    }
}
