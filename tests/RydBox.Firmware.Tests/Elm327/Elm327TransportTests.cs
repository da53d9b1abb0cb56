using RydBox.Firmware.Elm327;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Elm327;

public class Elm327TransportTests
{
    private readonly ManualClock _clock = new();
    private readonly ScriptedAdapter _adapter;
    private readonly ObdResponseSet _set = new();

    public Elm327TransportTests()
    {
        _adapter = new ScriptedAdapter(_clock) { Echo = false, Linefeeds = false };
    }

    private Elm327Transport Transport(int protocol, bool spacesOff = true)
    {
        var info = new Elm327Info
        {
            Status = Elm327InitStatus.Ready,
            ProtocolNumber = protocol,
            ProtocolName = Elm327Protocols.NameOf(protocol),
            IsCan = Elm327Protocols.IsCan(protocol),
            HeadersOn = true,
            SpacesOff = spacesOff,
        };
        return new Elm327Transport(new Elm327Link(_adapter, _clock), info);
    }

    private long Timed(Action action)
    {
        long start = _clock.NowMilliseconds;
        action();
        return _clock.NowMilliseconds - start;
    }

    [Fact]
    public void Can_transport_reports_protocol_and_six_pids()
    {
        Elm327Transport transport = Transport(6);
        transport.ProtocolName.Should().Be("ISO 15765-4 (CAN 11/500)");
        transport.MaxPidsPerRequest.Should().Be(6);
    }

    [Fact]
    public void Multi_pid_request_learns_its_frame_count_and_then_returns_early()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x01, 0x0C, 0x0D };
        // Without the count the adapter waits out its own timeout after the answer.
        _adapter.Expect("010C0D", "7E8 06 41 0C 1A F8 0D 32", delayMs: 220);
        _adapter.Expect("010C0D1", "7E8 06 41 0C 1A F8 0D 32", delayMs: 25);
        _adapter.Expect("010C0D1", "7E8 06 41 0C 1B 00 0D 33", delayMs: 25);

        Timed(() => transport.Request(ObdAddressing.Functional, request, 3, 1, _set)).Should().Be(220);
        _set.Status.Should().Be(ObdStatus.Ok);
        Timed(() => transport.Request(ObdAddressing.Functional, request, 3, 1, _set)).Should().Be(25);
        Timed(() => transport.Request(ObdAddressing.Functional, request, 3, 1, _set)).Should().Be(25);
        _set.Find(0x7E8)!.Data[3].Should().Be(0x00);
        _adapter.AssertDone();
    }

    [Fact]
    public void Count_is_the_frames_of_all_ecus_together()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x01, 0x00 };
        const string answer = "7E8 06 41 00 BE 3F A8 13\r7E9 06 41 00 98 18 80 11";
        _adapter.Expect("0100", answer, 200).Expect("01002", answer, 30);

        transport.Request(0, request, 2, 2, _set);
        transport.Request(0, request, 2, 2, _set);

        _set.Count.Should().Be(2);
        _adapter.AssertDone();
    }

    [Fact]
    public void Count_adds_up_ecus_whose_answers_take_different_numbers_of_frames()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x01, 0x0C, 0x0D, 0x05, 0x04 };
        const string answer = "7E8 10 0A 41 0C 1A F8 0D 32\r7E8 21 05 7B 04 80 AA AA AA\r7E9 05 41 0D 31 05 5A";
        _adapter.Expect("010C0D0504", answer, 230).Expect("010C0D05043", answer, 30);

        transport.Request(0, request, 5, 2, _set);
        Timed(() => transport.Request(0, request, 5, 2, _set)).Should().Be(30);

        _set.Count.Should().Be(2);
        _set.Find(0x7E8)!.Length.Should().Be(10);
        _adapter.AssertDone();
    }

    [Fact]
    public void Unknown_expected_count_sends_no_suffix()
    {
        Elm327Transport transport = Transport(6);
        _adapter.Expect("0100", "7E8 06 41 00 BE 3F A8 13").Expect("0100", "7E8 06 41 00 BE 3F A8 13");
        transport.Request(0, new byte[] { 0x01, 0x00 }, 2, 0, _set);
        transport.Request(0, new byte[] { 0x01, 0x00 }, 2, 0, _set);
        _adapter.AssertDone();
    }

    [Fact]
    public void Vin_takes_three_frames_and_is_then_requested_with_count_3()
    {
        Elm327Transport transport = Transport(6);
        const string vin = "7E8 10 14 49 02 01 31 44 34\r7E8 21 47 50 30 30 52 35 35\r7E8 22 42 31 32 33 34 35 36";
        _adapter.Expect("0902", vin, 250).Expect("09023", vin, 60);

        transport.Request(0, new byte[] { 0x09, 0x02 }, 2, 1, _set);
        transport.Request(0, new byte[] { 0x09, 0x02 }, 2, 1, _set);

        _set.Status.Should().Be(ObdStatus.Ok);
        System.Text.Encoding.ASCII.GetString(_set[0].Data, 3, 17).Should().Be("1D4GP00R55B123456");
        _adapter.AssertDone();
    }

    [Fact]
    public void A_counted_answer_that_came_back_short_is_forgotten()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x03 };
        _adapter.Expect("03", "7E8 04 43 01 01 33", 200)
            .Expect("031", "7E8 10 08 43 03 01 33 02 01", 30)
            .Expect("03", "7E8 10 08 43 03 01 33 02 01\r7E8 21 01 13 AA AA AA AA AA", 200)
            .Expect("032", "7E8 10 08 43 03 01 33 02 01\r7E8 21 01 13 AA AA AA AA AA", 30);

        transport.Request(0, request, 1, 1, _set);
        transport.Request(0, request, 1, 1, _set);
        _set.Status.Should().Be(ObdStatus.Garbled, "the adapter stopped after one frame of two");
        transport.Request(0, request, 1, 1, _set);
        transport.Request(0, request, 1, 1, _set);
        _set.Status.Should().Be(ObdStatus.Ok);
        _set[0].Length.Should().Be(8);
        _adapter.AssertDone();
    }

    [Fact]
    public void Clone_that_rejects_the_count_digit_is_asked_again_without_it_and_never_with_it()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x01, 0x0D };
        _adapter.Expect("010D", "7E8 03 41 0D 32", 200)
            .Expect("010D1", "?")
            .Expect("010D", "7E8 03 41 0D 33", 200)
            .Expect("010D", "7E8 03 41 0D 34", 200);

        transport.Request(0, request, 2, 1, _set);
        transport.Request(0, request, 2, 1, _set);
        _set.Status.Should().Be(ObdStatus.Ok);
        _set[0].Data[2].Should().Be(0x33);
        transport.CountSuffixRejected.Should().BeTrue();
        transport.Request(0, request, 2, 1, _set);
        _adapter.AssertDone();
    }

    [Fact]
    public void Physical_request_sets_the_header_once_and_returns_to_functional()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x01, 0x0C };
        _adapter.Expect("ATSH7E0", "OK")
            .Expect("010C", "7E8 04 41 0C 1A F8")
            .Expect("010C1", "7E8 04 41 0C 1A F9")
            .Expect("ATSH7DF", "OK")
            .Expect("010C", "7E8 04 41 0C 1A FA\r7E9 04 41 0C 1A FA");

        transport.Request(0x7E8, request, 2, 1, _set);
        transport.Request(0x7E8, request, 2, 1, _set);
        transport.Request(ObdAddressing.Functional, request, 2, 0, _set);

        _set.Count.Should().Be(2);
        _adapter.AssertDone();
    }

    [Fact]
    public void Physical_request_on_29_bit_can_uses_the_three_byte_header()
    {
        Elm327Transport transport = Transport(7);
        _adapter.Expect("ATSHDA10F1", "OK")
            .Expect("0100", "18DAF1100641 00BE3FA813")
            .Expect("ATSHDB33F1", "OK")
            .Expect("0100", "18DAF1100641 00BE3FA813");

        transport.Request(0x18DAF110, new byte[] { 0x01, 0x00 }, 2, 0, _set);
        _set.Find(0x18DAF110).Should().NotBeNull();
        transport.Request(0, new byte[] { 0x01, 0x00 }, 2, 0, _set);
        _adapter.AssertDone();
    }

    [Fact]
    public void Rejected_header_is_reported_and_retried_next_time()
    {
        Elm327Transport transport = Transport(6);
        _adapter.Expect("ATSH7E0", "?").Expect("ATSH7E0", "OK").Expect("0100", "7E8 06 41 00 BE 3F A8 13");
        transport.Request(0x7E8, new byte[] { 0x01, 0x00 }, 2, 1, _set);
        _set.Status.Should().Be(ObdStatus.Rejected);
        transport.Request(0x7E8, new byte[] { 0x01, 0x00 }, 2, 1, _set);
        _set.Status.Should().Be(ObdStatus.Ok);
        _adapter.AssertDone();
    }

    [Fact]
    public void K_line_never_sends_a_count_and_allows_one_pid()
    {
        Elm327Transport transport = Transport(3);
        _adapter.Expect("010C", "486B10410C1AF8A0\r486B18410C1AF8A8", 300)
            .Expect("010C", "486B10410C1AF8A0\r486B18410C1AF8A8", 300);

        transport.MaxPidsPerRequest.Should().Be(1);
        transport.Request(0, new byte[] { 0x01, 0x0C }, 2, 2, _set);
        _set.Count.Should().Be(2);
        transport.Request(0x10, new byte[] { 0x01, 0x0C }, 2, 1, _set);
        _set.Count.Should().Be(1, "a physical request on K-line keeps only the asked ECU");
        _set[0].EcuId.Should().Be(0x10u);
        _adapter.AssertDone();
    }

    [Fact]
    public void Spaces_left_on_by_a_clone_parse_the_same()
    {
        Elm327Transport transport = Transport(6, spacesOff: false);
        _adapter.Expect("010D", "7E8 03 41 0D 32");
        transport.Request(0, new byte[] { 0x01, 0x0D }, 2, 1, _set);
        _set[0].Data[2].Should().Be(0x32);
    }

    [Theory]
    [InlineData("NO DATA", ObdStatus.NoData)]
    [InlineData("CAN ERROR", ObdStatus.BusError)]
    [InlineData("STOPPED", ObdStatus.Stopped)]
    public void Adapter_errors_come_through_as_statuses(string answer, ObdStatus expected)
    {
        Elm327Transport transport = Transport(6);
        _adapter.Expect("0100", answer);
        transport.Request(0, new byte[] { 0x01, 0x00 }, 2, 1, _set);
        _set.Status.Should().Be(expected);
    }

    [Fact]
    public void No_prompt_is_a_timeout_and_a_broken_link_is_disconnected()
    {
        Elm327Transport transport = Transport(6);
        _adapter.Silent("0100");
        transport.Request(0, new byte[] { 0x01, 0x00 }, 2, 1, _set);
        _set.Status.Should().Be(ObdStatus.Timeout);
        _clock.NowMilliseconds.Should().Be(transport.RequestTimeoutMs);

        _adapter.Broken = true;
        transport.Request(0, new byte[] { 0x01, 0x00 }, 2, 1, _set);
        _set.Status.Should().Be(ObdStatus.Disconnected);
    }

    [Fact]
    public void Bad_request_lengths_are_rejected_without_talking_to_the_adapter()
    {
        Elm327Transport transport = Transport(6);
        transport.Request(0, new byte[8], 8, 1, _set);
        _set.Status.Should().Be(ObdStatus.Rejected);
        transport.Request(0, new byte[2], 0, 1, _set);
        _set.Status.Should().Be(ObdStatus.Rejected);
        _adapter.Received.Should().BeEmpty();
    }

    [Fact]
    public void Battery_can_be_polled_after_initialisation()
    {
        Elm327Transport transport = Transport(6);
        _adapter.Expect("ATRV", "13.8V");
        transport.ReadBatteryMillivolts().Should().Be(13800);
    }

    [Fact]
    public void Steady_state_requests_allocate_nothing()
    {
        Elm327Transport transport = Transport(6);
        byte[] request = { 0x01, 0x0C, 0x0D };
        _adapter.Expect("010C0D", "7E8 06 41 0C 1A F8 0D 32");
        for (int i = 0; i < 50; i++)
        {
            _adapter.Expect("010C0D1", "7E8 06 41 0C 1A F8 0D 32");
        }

        transport.Request(0, request, 3, 1, _set);
        transport.Request(0, request, 3, 1, _set);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 49; i++)
        {
            transport.Request(0, request, 3, 1, _set);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _set.Status.Should().Be(ObdStatus.Ok);
        // The fake adapter itself allocates (strings, queues); bound the total well below one string per call.
        allocated.Should().BeLessThan(49 * 2000);
    }
}
