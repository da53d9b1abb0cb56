using RydBox.Firmware.Can;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Tests.Can;

public class CanObdTransportTests
{
    private const byte Pad = 0xCC;
    private readonly VirtualCanBus _bus = new();
    private readonly ObdResponseSet _responses = new();

    private CanObdTransport Transport(CanObdOptions? options = null) => new(_bus, _bus.Clock, options ?? new CanObdOptions());

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static byte[] Padded(string hex) => Hex(hex).Concat(Enumerable.Repeat(Pad, 8 - Hex(hex).Length)).ToArray();

    private static Func<byte[], IEnumerable<(byte[], int)>> Replies(params (string Hex, int DelayMs)[] replies) =>
        _ => replies.Select(r => (Hex(r.Hex), r.DelayMs));

    private static Func<byte[], IEnumerable<(byte[], int)>> Reply(byte[] payload, int delayMs = 5) => _ => [(payload, delayMs)];

    private void Request(CanObdTransport transport, string request, int expected = 0, uint target = ObdAddressing.Functional)
    {
        byte[] bytes = Hex(request);
        transport.Request(target, bytes, bytes.Length, expected, _responses);
    }

    private static byte[] Vin() => [0x49, 0x02, 0x01, .. "1HGCM82633A004352"u8.ToArray()];

    private static byte[] DtcList(int count) =>
        [0x43, (byte)count, .. Enumerable.Range(0, count).SelectMany(i => new[] { (byte)(0x01 + i / 256), (byte)i })];

    [Fact]
    public void Names_the_protocol_and_takes_six_pids()
    {
        Transport().ProtocolName.Should().Be("ISO 15765-4 (CAN 11/500)");
        Transport(new CanObdOptions { ExtendedIds = true, BitRateKbps = 250 }).ProtocolName.Should().Be("ISO 15765-4 (CAN 29/250)");
        Transport().MaxPidsPerRequest.Should().Be(6);
    }

    [Fact]
    public void Single_frame_answer_from_one_ecu_after_a_padded_functional_request()
    {
        _bus.AddEcu(0x7E8).Answer = Replies(("41 0C 1A F8", 5));

        Request(Transport(), "01 0C");

        _bus.Sent.Should().ContainSingle();
        _bus.Sent[0].Id.Should().Be(0x7DF);
        _bus.Sent[0].IsExtended.Should().BeFalse();
        _bus.Sent[0].Data.Should().Equal(Padded("02 01 0C"));
        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(1);
        _responses[0].EcuId.Should().Be(0x7E8u);
        _responses[0].Data.Take(_responses[0].Length).Should().Equal(Hex("41 0C 1A F8"));
        _bus.Clock.NowMilliseconds.Should().Be(5 + 50, "the P2 window runs on after the last answer");
    }

    [Fact]
    public void Single_frame_answers_from_two_ecus()
    {
        _bus.AddEcu(0x7E8).Answer = Replies(("41 0D 32", 5));
        _bus.AddEcu(0x7E9).Answer = Replies(("41 0D 33", 20));

        Request(Transport(), "01 0D");

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(2);
        _responses.Find(0x7E8)!.Data.Take(3).Should().Equal(Hex("41 0D 32"));
        _responses.Find(0x7E9)!.Data.Take(3).Should().Equal(Hex("41 0D 33"));
        _bus.Clock.NowMilliseconds.Should().Be(20 + 50);
    }

    [Fact]
    public void Vin_arrives_in_three_frames_after_flow_control_to_the_physical_id()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.Answer = Reply(Vin());

        Request(Transport(), "09 02");

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses[0].Data.Take(_responses[0].Length).Should().Equal(Vin());
        _responses[0].Truncated.Should().BeFalse();
        _bus.Sent.Should().HaveCount(2);
        _bus.Sent[1].Id.Should().Be(0x7E0);
        _bus.Sent[1].Data.Should().Equal(Padded("30 00 00"));
        _bus.Delivered.Select(f => f.Data[0]).Should().Equal(new byte[] { 0x10, 0x21, 0x22 });
        ecu.FlowControlsReceived.Should().ContainSingle().Which.At.Should().Be(5, "flow control goes out as soon as the first frame is in");
    }

    [Fact]
    public void Long_dtc_list_honours_the_block_size_and_stmin_we_ask_for()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        byte[] dtcs = DtcList(60);
        ecu.Answer = Reply(dtcs);

        Request(Transport(new CanObdOptions { BlockSize = 2, SeparationTime = 5 }), "03");

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses[0].Length.Should().Be(122);
        _responses[0].Data.Take(122).Should().Equal(dtcs);
        int consecutiveFrames = (122 - 6 + 6) / 7;
        ecu.FlowControlsReceived.Should().HaveCount(1 + (consecutiveFrames - 1) / 2);
        ecu.FlowControlsReceived.Should().OnlyContain(fc => fc.Data.SequenceEqual(Padded("30 02 05")) && fc.Id == 0x7E0);

        // Within a block, frames are 5 ms apart; a new block starts after its flow control.
        var cfTimes = _bus.Delivered.Where(f => f.Data[0] >> 4 == 2).Select(f => f.At).ToList();
        cfTimes.Should().HaveCount(consecutiveFrames);
        for (int i = 1; i < cfTimes.Count; i++)
        {
            (cfTimes[i] - cfTimes[i - 1]).Should().BeGreaterThanOrEqualTo(5);
        }

        // Each flow control followed the second frame of the previous block.
        var fcTimes = ecu.FlowControlsReceived.Select(f => f.At).ToList();
        for (int block = 1; block < fcTimes.Count; block++)
        {
            fcTimes[block].Should().Be(cfTimes[2 * block - 1]);
        }
    }

    [Fact]
    public void Interleaved_multi_frame_answers_are_reassembled_per_ecu()
    {
        FakeEcu engine = _bus.AddEcu(0x7E8);
        FakeEcu gearbox = _bus.AddEcu(0x7E9);
        byte[] engineDtcs = DtcList(12);
        byte[] gearboxDtcs = DtcList(9).Select((b, i) => i < 2 ? b : (byte)(b ^ 0x40)).ToArray();
        engine.Answer = Reply(engineDtcs, 3);
        gearbox.Answer = Reply(gearboxDtcs, 4);

        Request(Transport(), "03");

        _bus.Delivered.Select(f => f.Id).Distinct().Should().HaveCount(2);
        var order = _bus.Delivered.Select(f => f.Id).ToList();
        order.IndexOf(0x7E9).Should().BeLessThan(order.LastIndexOf(0x7E8), "the frames really interleave");
        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(2);
        _responses.Find(0x7E8)!.Data.Take(engineDtcs.Length).Should().Equal(engineDtcs);
        _responses.Find(0x7E9)!.Data.Take(gearboxDtcs.Length).Should().Equal(gearboxDtcs);
        _responses.Find(0x7E9)!.Length.Should().Be(gearboxDtcs.Length);
        _bus.Sent.Skip(1).Select(f => f.Id).Should().BeEquivalentTo(new uint[] { 0x7E0, 0x7E1 });
    }

    [Fact]
    public void Twenty_nine_bit_ids_for_request_flow_control_and_answers()
    {
        FakeEcu ecu = _bus.AddEcu(0x18DAF110, extended: true);
        ecu.Answer = Reply(Vin());
        _bus.AddEcu(0x18DAF11A, extended: true).Answer = Replies(("49 02 00", 7));

        Request(Transport(new CanObdOptions { ExtendedIds = true }), "09 02");

        _bus.Sent[0].Id.Should().Be(0x18DB33F1);
        _bus.Sent[0].IsExtended.Should().BeTrue();
        ecu.FlowControlsReceived.Should().ContainSingle().Which.Id.Should().Be(0x18DA10F1);
        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Find(0x18DAF110)!.Data.Take(20).Should().Equal(Vin());
        _responses.Find(0x18DAF11A)!.Length.Should().Be(3);
    }

    [Fact]
    public void Returns_as_soon_as_the_expected_ecus_have_answered()
    {
        _bus.AddEcu(0x7E8).Answer = Replies(("41 0C 1A F8", 4));
        _bus.AddEcu(0x7E9).Answer = Replies(("41 0C 00 00", 9));

        Request(Transport(), "01 0C", expected: 2);

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(2);
        _bus.Clock.NowMilliseconds.Should().Be(9).And.BeLessThan(50);
    }

    [Fact]
    public void Physical_request_goes_to_one_ecu_and_ignores_the_others()
    {
        FakeEcu engine = _bus.AddEcu(0x7E8);
        engine.Answer = Replies(("41 05 7B", 3));
        FakeEcu gearbox = _bus.AddEcu(0x7E9);
        gearbox.Answer = Replies(("41 05 50", 2));
        _bus.Schedule(1, 0x7E8, false, Padded("03 41 05 00"));

        Request(Transport(), "01 05", target: 0x7E9);

        _bus.Sent[0].Id.Should().Be(0x7E1);
        engine.Requests.Should().BeEmpty();
        _responses.Count.Should().Be(1);
        _responses[0].EcuId.Should().Be(0x7E9u);
        _responses[0].Data.Take(3).Should().Equal(Hex("41 05 50"));
        _bus.Clock.NowMilliseconds.Should().Be(2, "a physical request expects one answer");
    }

    [Fact]
    public void Lost_consecutive_frame_is_garbled_and_leaves_no_answer()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.Answer = Reply(DtcList(20));
        ecu.Mangle = frames => frames.Where((_, i) => i != 2).ToList();

        Request(Transport(), "03");

        _responses.Status.Should().Be(ObdStatus.Garbled);
        _responses.Count.Should().Be(0);
    }

    [Fact]
    public void Broken_answer_is_dropped_while_a_clean_one_counts()
    {
        FakeEcu broken = _bus.AddEcu(0x7E8);
        broken.Answer = Reply(DtcList(20), 2);
        broken.Mangle = frames => frames.Select((f, i) => i == 1 ? [0x25, .. f.Skip(1)] : f).ToList();
        _bus.AddEcu(0x7E9).Answer = Reply(DtcList(2), 3);

        Request(Transport(), "03");

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(1);
        _responses[0].EcuId.Should().Be(0x7E9u);
        _responses[0].Data.Take(6).Should().Equal(DtcList(2));
    }

    [Fact]
    public void Wrong_sequence_number_is_garbled()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.Answer = Reply(DtcList(20));
        ecu.Mangle = frames => frames.Select((f, i) => i == 3 ? [0x22, .. f.Skip(1)] : f).ToList();

        Request(Transport(), "03");

        _responses.Status.Should().Be(ObdStatus.Garbled);
        _responses.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("45 41 0C 1A F8", "unknown frame kind")]
    [InlineData("10 05 43 01 01 02 03 04", "first frame announcing fewer than 8 bytes")]
    [InlineData("21 01 02 03 04 05 06 07", "consecutive frame without a first frame")]
    [InlineData("00 41 0C", "single frame of length 0")]
    [InlineData("08 41 0C 1A F8 00 00 00", "single frame longer than 7")]
    public void Malformed_frames_are_garbled(string frame, string why)
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.PadByte = null;
        ecu.Answer = Replies(("00", 5));
        ecu.Mangle = _ => [Hex(frame)];

        Request(Transport(), "01 0C");

        _responses.Status.Should().Be(ObdStatus.Garbled, why);
        _responses.Count.Should().Be(0);
    }

    [Fact]
    public void Unpadded_frames_from_an_ecu_are_accepted()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.PadByte = null;
        byte[] calibrationId = [0x49, 0x04, 0x01, .. "JMB*47EX0150"u8.ToArray()];
        ecu.Answer = Reply(calibrationId);

        Request(Transport(), "09 04");

        _bus.Delivered.Select(f => f.Data.Length).Should().Equal(8, 8, 3);
        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses[0].Data.Take(_responses[0].Length).Should().Equal(calibrationId);
    }

    [Fact]
    public void Answer_longer_than_the_slot_is_truncated_and_fully_consumed()
    {
        var small = new ObdResponseSet(2, 10);
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.Answer = Reply(Vin());
        CanObdTransport transport = Transport();

        transport.Request(ObdAddressing.Functional, [0x09, 0x02], 2, 1, small);

        small.Status.Should().Be(ObdStatus.Ok);
        small[0].Truncated.Should().BeTrue();
        small[0].Length.Should().Be(10);
        small[0].Data.Should().Equal(Vin().Take(10));
        _bus.Delivered.Should().HaveCount(3, "every frame was read off the bus");
        _bus.Clock.NowMilliseconds.Should().Be(_bus.Delivered[^1].At);
    }

    [Fact]
    public void Consecutive_frames_that_stop_coming_time_out_at_n_cr()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.Answer = Reply(DtcList(20), 5);
        ecu.Mangle = frames => frames.Take(2).ToList();

        Request(Transport(new CanObdOptions { ConsecutiveFrameTimeoutMs = 150 }), "03");

        _responses.Status.Should().Be(ObdStatus.Garbled);
        _responses.Count.Should().Be(0);
        long lastFrame = _bus.Delivered[^1].At;
        _bus.Clock.NowMilliseconds.Should().Be(lastFrame + 150);
    }

    [Fact]
    public void Silence_is_no_data_after_p2()
    {
        Request(Transport(new CanObdOptions { ResponseTimeoutMs = 120 }), "01 00");

        _responses.Status.Should().Be(ObdStatus.NoData);
        _responses.Count.Should().Be(0);
        _bus.Clock.NowMilliseconds.Should().Be(120);
    }

    [Fact]
    public void Response_pending_extends_the_wait_for_that_ecu()
    {
        _bus.AddEcu(0x7E8).Answer = Replies(("7F 09 78", 10), ("49 04 01 41 42 43", 900));

        Request(Transport(), "09 04");

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(1);
        _responses[0].Data.Take(_responses[0].Length).Should().Equal(Hex("49 04 01 41 42 43"));
        _bus.Clock.NowMilliseconds.Should().Be(910 + 50);
    }

    [Fact]
    public void Response_pending_that_never_ends_times_out_at_p2_star()
    {
        _bus.AddEcu(0x7E8).Answer = Replies(("7F 09 78", 10));

        Request(Transport(new CanObdOptions { ResponsePendingTimeoutMs = 3000 }), "09 04", expected: 1);

        _responses.Status.Should().Be(ObdStatus.Timeout);
        _responses.Count.Should().Be(0, "7F 09 78 is not an answer");
        _bus.Clock.NowMilliseconds.Should().Be(10 + 3000);
    }

    [Fact]
    public void Unrelated_bus_traffic_is_ignored_and_does_not_stretch_p2()
    {
        _bus.AddEcu(0x7E8).Answer = Replies(("41 0C 1A F8", 5));
        for (int t = 0; t < 200; t += 2)
        {
            _bus.Schedule(t, 0x0C9, false, Padded("10 20 30"));
            _bus.Schedule(t + 1, 0x18FEF100, true, Padded("21 01 02"));
        }

        _bus.Schedule(3, 0x7E8, true, Padded("03 41 0C 00"));

        Request(Transport(), "01 0C");

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(1);
        _responses[0].Data.Take(4).Should().Equal(Hex("41 0C 1A F8"));
        _bus.Clock.NowMilliseconds.Should().Be(55);
        _bus.Sent.Should().ContainSingle("no flow control for frames that only look like ISO-TP");
    }

    [Fact]
    public void Long_physical_request_is_segmented_and_paced_by_the_ecus_flow_control()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.RequestBlockSize = 2;
        ecu.RequestSeparationTime = 10;
        ecu.Answer = Replies(("6E F1 90", 5));
        byte[] request = [0x2E, 0xF1, 0x90, .. Enumerable.Range(0, 30).Select(i => (byte)(0x30 + i))];

        Transport().Request(0x7E8, request, request.Length, 0, _responses);

        ecu.Requests.Should().ContainSingle().Which.Should().Equal(request);
        _bus.Sent[0].Data.Should().Equal(new byte[] { 0x10, 33, 0x2E, 0xF1, 0x90, 0x30, 0x31, 0x32 });
        _bus.Sent.Should().OnlyContain(f => f.Id == 0x7E0 && f.Data.Length == 8);
        _bus.Sent[^1].Data.Should().Equal(Padded("24 " + string.Join(" ", Enumerable.Range(0x30 + 24, 6).Select(b => b.ToString("X2")))));

        // Block 1 (CF 1-2) and block 2 (CF 3-4): 10 ms apart within a block, each block after a flow control.
        var cf = ecu.RequestConsecutiveFrames.Select(f => f.At).ToList();
        cf.Should().HaveCount(4);
        (cf[1] - cf[0]).Should().BeGreaterThanOrEqualTo(10);
        (cf[3] - cf[2]).Should().BeGreaterThanOrEqualTo(10);
        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses[0].Data.Take(3).Should().Equal(Hex("6E F1 90"));
    }

    [Fact]
    public void Flow_control_wait_then_continue()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.RequestWaitFrames = 3;
        ecu.Answer = Replies(("6E F1 90", 5));
        byte[] request = Enumerable.Range(0, 10).Select(i => (byte)i).ToArray();

        Transport().Request(0x7E8, request, request.Length, 0, _responses);

        ecu.Requests.Should().ContainSingle().Which.Should().Equal(request);
        ecu.RequestConsecutiveFrames.Should().ContainSingle().Which.At.Should().Be(1 + 30, "the frame waits for the clear-to-send after three waits");
        _responses.Status.Should().Be(ObdStatus.Ok);
    }

    [Fact]
    public void Too_many_flow_control_waits_time_out()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.RequestWaitFrames = 5;
        byte[] request = new byte[10];

        Transport(new CanObdOptions { MaxFlowControlWaits = 2 }).Request(0x7E8, request, request.Length, 0, _responses);

        _responses.Status.Should().Be(ObdStatus.Timeout);
        ecu.RequestConsecutiveFrames.Should().BeEmpty();
    }

    [Fact]
    public void Flow_control_overflow_aborts_the_request()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.RequestOverflow = true;
        byte[] request = new byte[40];

        Transport().Request(0x7E8, request, request.Length, 0, _responses);

        _responses.Status.Should().Be(ObdStatus.Rejected);
        _bus.Sent.Should().ContainSingle("only the first frame went out");
        ecu.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Missing_flow_control_times_out_at_n_bs()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.SilentOnFirstFrame = true;
        byte[] request = new byte[12];

        Transport(new CanObdOptions { FlowControlTimeoutMs = 75 }).Request(0x7E8, request, request.Length, 0, _responses);

        _responses.Status.Should().Be(ObdStatus.Timeout);
        _bus.Clock.NowMilliseconds.Should().Be(75);
    }

    [Fact]
    public void Requests_that_cannot_be_sent_are_rejected_without_touching_the_bus()
    {
        CanObdTransport transport = Transport();
        byte[] eight = new byte[8];

        transport.Request(ObdAddressing.Functional, eight, 8, 0, _responses);
        _responses.Status.Should().Be(ObdStatus.Rejected, "functional requests must be single frames");
        transport.Request(0x7E8, eight, 0, 0, _responses);
        _responses.Status.Should().Be(ObdStatus.Rejected);
        transport.Request(0x123, eight, 2, 0, _responses);
        _responses.Status.Should().Be(ObdStatus.Rejected);
        transport.Request(0x7E8, new byte[5000], 5000, 0, _responses);
        _responses.Status.Should().Be(ObdStatus.Rejected);
        _bus.Sent.Should().BeEmpty();
    }

    [Fact]
    public void A_failing_port_is_a_bus_error_not_an_exception()
    {
        _bus.FailWith = new IOException("controller bus-off");

        Request(Transport(), "01 0C");

        _responses.Status.Should().Be(ObdStatus.BusError);
    }

    [Fact]
    public void Consecutive_requests_reuse_state_cleanly()
    {
        FakeEcu ecu = _bus.AddEcu(0x7E8);
        ecu.Answer = request => request[0] == 0x09 ? [(Vin(), 5)] : [(Hex("41 0C 1A F8"), 5)];
        CanObdTransport transport = Transport();

        Request(transport, "09 02", expected: 1);
        Request(transport, "01 0C", expected: 1);

        _responses.Status.Should().Be(ObdStatus.Ok);
        _responses.Count.Should().Be(1);
        _responses[0].Length.Should().Be(4);
        _responses[0].Data.Take(4).Should().Equal(Hex("41 0C 1A F8"));
    }

    [Fact]
    public void More_ecus_than_slots_still_ok_and_flagged()
    {
        var two = new ObdResponseSet(2, 16);
        _bus.AddEcu(0x7E8).Answer = Replies(("41 00 BE 1F A8 13", 2));
        _bus.AddEcu(0x7E9).Answer = Replies(("41 00 80 00 00 01", 3));
        _bus.AddEcu(0x7EA).Answer = Reply(DtcList(8), 4);

        Transport().Request(ObdAddressing.Functional, [0x01, 0x00], 2, 3, two);

        two.Status.Should().Be(ObdStatus.Ok);
        two.Count.Should().Be(2);
        two.Overflowed.Should().BeTrue();
        _bus.Sent.Should().Contain(f => f.Id == 0x7E2, "the third ECU still gets flow control so the bus is left clean");
        _bus.Clock.NowMilliseconds.Should().Be(_bus.Delivered[^1].At, "its completion counts towards the expected three");
    }
}
