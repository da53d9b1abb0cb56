using RydBox.Firmware.Can;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Can;

public class IsoTpSenderTests
{
    private readonly IsoTpSender _sender = new(flowControlTimeoutMs: 75, maxWaits: 1, padByte: 0xAA);
    private readonly CanFrame _frame = new();

    private static CanFrame FlowControl(params byte[] data)
    {
        var frame = new CanFrame { Length = data.Length };
        data.CopyTo(frame.Data, 0);
        return frame;
    }

    [Fact]
    public void Short_payload_is_one_padded_single_frame()
    {
        _sender.Start([0x01, 0x0C], 2, 0).Should().BeTrue();

        _sender.NextFrame(_frame, 0).Should().BeTrue();

        _frame.Data.Should().Equal(0x02, 0x01, 0x0C, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA);
        _sender.State.Should().Be(IsoTpSendState.Done);
        _sender.NextFrame(_frame, 0).Should().BeFalse();
    }

    [Fact]
    public void Paces_consecutive_frames_by_block_size_and_sub_millisecond_stmin()
    {
        byte[] payload = Enumerable.Range(0, 30).Select(i => (byte)i).ToArray();
        _sender.Start(payload, payload.Length, 100);
        _sender.NextFrame(_frame, 100).Should().BeTrue();
        _frame.Data.Should().Equal(0x10, 30, 0, 1, 2, 3, 4, 5);
        _sender.State.Should().Be(IsoTpSendState.WaitingForFlowControl);
        _sender.NextFrame(_frame, 110).Should().BeFalse();

        _sender.OnFlowControl(FlowControl(0x30, 2, 0xF5), 110);
        _sender.NextFrame(_frame, 110).Should().BeTrue();
        _frame.Data.Should().Equal(0x21, 6, 7, 8, 9, 10, 11, 12);
        _sender.NextFrame(_frame, 111).Should().BeFalse("500 µs rounds up to a safe 2 ms on a millisecond clock");
        _sender.NextActionAt.Should().Be(112);
        _sender.NextFrame(_frame, 112).Should().BeTrue();
        _frame.Data[0].Should().Be(0x22);
        _sender.State.Should().Be(IsoTpSendState.WaitingForFlowControl, "block of 2 done");

        _sender.OnFlowControl(FlowControl(0x30, 0, 0), 120);
        _sender.NextFrame(_frame, 120).Should().BeTrue();
        _frame.Data.Should().Equal(0x23, 20, 21, 22, 23, 24, 25, 26);
        _sender.NextFrame(_frame, 120).Should().BeTrue("STmin 0 lets frames go back to back");
        _frame.Data.Should().Equal(0x24, 27, 28, 29, 0xAA, 0xAA, 0xAA, 0xAA);
        _sender.State.Should().Be(IsoTpSendState.Done);
    }

    [Fact]
    public void Sequence_number_wraps_from_f_to_0()
    {
        byte[] payload = new byte[6 + 7 * 17];
        _sender.Start(payload, payload.Length, 0);
        _sender.NextFrame(_frame, 0);
        _sender.OnFlowControl(FlowControl(0x30, 0, 0), 0);
        var sequence = new List<int>();
        while (_sender.NextFrame(_frame, 0))
        {
            sequence.Add(_frame.Data[0] & 0x0F);
        }

        sequence.Should().Equal(Enumerable.Range(1, 17).Select(i => i & 0x0F));
        _sender.State.Should().Be(IsoTpSendState.Done);
    }

    [Fact]
    public void Wait_restarts_n_bs_and_too_many_waits_fail()
    {
        _sender.Start(new byte[20], 20, 0);
        _sender.NextFrame(_frame, 0);

        _sender.OnFlowControl(FlowControl(0x31, 0, 0), 50);
        _sender.NextActionAt.Should().Be(125);
        _sender.State.Should().Be(IsoTpSendState.WaitingForFlowControl);
        _sender.OnFlowControl(FlowControl(0x31, 0, 0), 60);

        _sender.State.Should().Be(IsoTpSendState.Failed);
        _sender.Error.Should().Be(IsoTpError.TooManyWaits);
    }

    [Theory]
    [InlineData(new byte[] { 0x32, 0, 0 }, IsoTpError.Overflow)]
    [InlineData(new byte[] { 0x35, 0, 0 }, IsoTpError.BadPci)]
    public void Overflow_and_unknown_flow_status_abort(byte[] flowControl, IsoTpError error)
    {
        _sender.Start(new byte[20], 20, 0);
        _sender.NextFrame(_frame, 0);

        _sender.OnFlowControl(FlowControl(flowControl), 5);

        _sender.State.Should().Be(IsoTpSendState.Failed);
        _sender.Error.Should().Be(error);
        _sender.NextFrame(_frame, 5).Should().BeFalse();
    }

    [Fact]
    public void Missing_flow_control_times_out()
    {
        _sender.Start(new byte[20], 20, 0);
        _sender.NextFrame(_frame, 0);

        _sender.NextFrame(_frame, 74).Should().BeFalse();
        _sender.State.Should().Be(IsoTpSendState.WaitingForFlowControl);
        _sender.NextFrame(_frame, 75).Should().BeFalse();
        _sender.State.Should().Be(IsoTpSendState.Failed);
        _sender.Error.Should().Be(IsoTpError.Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    public void Refuses_empty_and_over_long_payloads(int length)
    {
        _sender.Start(new byte[5000], length, 0).Should().BeFalse();
        _sender.Error.Should().Be(IsoTpError.PayloadLength);
        _sender.IsActive.Should().BeFalse();
    }
}
