using RydBox.Firmware.Can;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Tests.Can;

public class IsoTpReceiverTests
{
    private readonly CanFrame _flowControl = new();

    private static CanFrame Frame(string hex)
    {
        byte[] data = Convert.FromHexString(hex.Replace(" ", ""));
        var frame = new CanFrame { Length = data.Length };
        data.CopyTo(frame.Data, 0);
        return frame;
    }

    [Fact]
    public void First_frame_asks_for_the_configured_flow_control()
    {
        var receiver = new IsoTpReceiver(blockSize: 3, separationTime: 0xF2, consecutiveFrameTimeoutMs: 150, padByte: 0xCC);
        var into = new EcuResponse(64);

        receiver.Accept(Frame("10 0A 49 02 01 31 32 33"), into, 10, _flowControl).Should().Be(IsoTpReceiveResult.SendFlowControl);

        _flowControl.Data.Should().Equal(0x30, 0x03, 0xF2, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC);
        receiver.ExpectedLength.Should().Be(10);
        receiver.Deadline.Should().Be(160);
        receiver.Accept(Frame("21 34 35 36 37"), into, 20, _flowControl).Should().Be(IsoTpReceiveResult.Complete);
        into.Data.Take(into.Length).Should().Equal(Convert.FromHexString("49020131323334353637"));
    }

    [Fact]
    public void Long_message_wraps_sequence_numbers_and_sends_flow_control_per_block()
    {
        var receiver = new IsoTpReceiver(4, 0, 150, 0xCC);
        var into = new EcuResponse(300);
        byte[] payload = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var frames = FakeEcu.Segment(payload);
        int flowControls = 0;
        IsoTpReceiveResult last = IsoTpReceiveResult.Ignored;

        foreach (byte[] data in frames)
        {
            var frame = new CanFrame { Length = data.Length };
            data.CopyTo(frame.Data, 0);
            last = receiver.Accept(frame, into, 0, _flowControl);
            flowControls += last == IsoTpReceiveResult.SendFlowControl ? 1 : 0;
        }

        last.Should().Be(IsoTpReceiveResult.Complete);
        into.Data.Take(into.Length).Should().Equal(payload);
        int consecutiveFrames = frames.Count - 1;
        flowControls.Should().Be(1 + (consecutiveFrames - 1) / 4);
    }

    [Fact]
    public void Truncates_into_a_small_response_but_reads_to_the_end()
    {
        var receiver = new IsoTpReceiver(0, 0, 150, 0xCC);
        var into = new EcuResponse(8);

        receiver.Accept(Frame("10 14 49 02 01 31 32 33"), into, 0, _flowControl);
        receiver.Accept(Frame("21 34 35 36 37 38 39 41"), into, 1, _flowControl).Should().Be(IsoTpReceiveResult.Receiving);
        receiver.Accept(Frame("22 42 43 44 45 46 47 48"), into, 2, _flowControl).Should().Be(IsoTpReceiveResult.Complete);

        into.Truncated.Should().BeTrue();
        into.Data.Should().Equal(Convert.FromHexString("4902013132333435"));
    }

    [Theory]
    [InlineData("21 41 42", IsoTpError.UnexpectedConsecutiveFrame)]
    [InlineData("05 41 0C 1A", IsoTpError.BadLength)]
    [InlineData("10 07 41 42 43 44 45 46", IsoTpError.BadLength)]
    [InlineData("10 0A 41 42 43 44", IsoTpError.BadLength)]
    [InlineData("F0 00", IsoTpError.BadPci)]
    public void Rejects_impossible_frames(string frame, IsoTpError error)
    {
        var receiver = new IsoTpReceiver(0, 0, 150, 0xCC);

        receiver.Accept(Frame(frame), new EcuResponse(16), 0, _flowControl).Should().Be(IsoTpReceiveResult.Failed);

        receiver.Error.Should().Be(error);
        receiver.IsReceiving.Should().BeFalse();
    }

    [Fact]
    public void Short_middle_consecutive_frame_is_rejected()
    {
        var receiver = new IsoTpReceiver(0, 0, 150, 0xCC);
        var into = new EcuResponse(64);
        receiver.Accept(Frame("10 14 49 02 01 31 32 33"), into, 0, _flowControl);

        receiver.Accept(Frame("21 34 35"), into, 1, _flowControl).Should().Be(IsoTpReceiveResult.Failed);

        receiver.Error.Should().Be(IsoTpError.BadLength);
    }

    [Fact]
    public void Times_out_at_n_cr_and_a_new_single_frame_replaces_an_unfinished_message()
    {
        var receiver = new IsoTpReceiver(0, 0, 150, 0xCC);
        var into = new EcuResponse(64);
        receiver.Accept(Frame("10 14 49 02 01 31 32 33"), into, 0, _flowControl);
        receiver.Accept(Frame("21 34 35 36 37 38 39 41"), into, 100, _flowControl);

        receiver.CheckTimeout(249).Should().BeFalse();
        receiver.CheckTimeout(250).Should().BeTrue();
        receiver.Error.Should().Be(IsoTpError.Timeout);
        receiver.CheckTimeout(400).Should().BeFalse("only once");

        receiver.Accept(Frame("10 14 49 02 01 31 32 33"), into, 500, _flowControl);
        receiver.Accept(Frame("03 41 0D 20"), into, 501, _flowControl).Should().Be(IsoTpReceiveResult.Complete);
        into.Data.Take(into.Length).Should().Equal(0x41, 0x0D, 0x20);
        into.Truncated.Should().BeFalse();
        receiver.IsReceiving.Should().BeFalse();
    }

    [Fact]
    public void Flow_control_frames_are_not_for_the_receiver()
    {
        var receiver = new IsoTpReceiver(0, 0, 150, 0xCC);

        receiver.Accept(Frame("30 00 00"), new EcuResponse(8), 0, _flowControl).Should().Be(IsoTpReceiveResult.Ignored);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 0)]
    [InlineData(8, 1)]
    [InlineData(62, 3)]
    [InlineData(4095, 8)]
    public void Sender_and_receiver_round_trip(int length, byte blockSize)
    {
        // The pair a simulated ECU would use: one side's frames fed straight to the other.
        var sender = new IsoTpSender(75, 0, 0xCC);
        var receiver = new IsoTpReceiver(blockSize, 0xF1, 150, 0x55);
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var into = new EcuResponse(4095);
        var frame = new CanFrame();
        long now = 0;
        IsoTpReceiveResult result = IsoTpReceiveResult.Ignored;

        sender.Start(payload, length, now);
        while (sender.IsActive)
        {
            if (sender.NextFrame(frame, now))
            {
                result = receiver.Accept(frame, into, now, _flowControl);
                if (result == IsoTpReceiveResult.SendFlowControl)
                {
                    sender.OnFlowControl(_flowControl, now);
                }
            }
            else
            {
                now++;
            }
        }

        sender.State.Should().Be(IsoTpSendState.Done);
        result.Should().Be(IsoTpReceiveResult.Complete);
        into.Data.Take(into.Length).Should().Equal(payload);
    }
}
