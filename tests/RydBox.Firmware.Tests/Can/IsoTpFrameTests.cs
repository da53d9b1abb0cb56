using RydBox.Firmware.Can;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Can;

public class IsoTpFrameTests
{
    [Theory]
    [InlineData(0x00, 0, 0)]
    [InlineData(0x01, 1000, 2)]
    [InlineData(0x14, 20000, 21)]
    [InlineData(0x7F, 127000, 128)]
    [InlineData(0xF1, 100, 2)]
    [InlineData(0xF9, 900, 2)]
    [InlineData(0x80, 127000, 128)]
    [InlineData(0xF0, 127000, 128)]
    [InlineData(0xFA, 127000, 128)]
    public void Separation_time_coding(byte stMin, int microseconds, int gapMs)
    {
        IsoTpFrame.SeparationTimeMicroseconds(stMin).Should().Be(microseconds);
        IsoTpFrame.SeparationGapMilliseconds(stMin).Should().Be(gapMs);
    }

    [Fact]
    public void Flow_control_is_padded_to_eight_bytes()
    {
        var frame = new CanFrame();

        IsoTpFrame.WriteFlowControl(frame, IsoTpFrame.Wait, 4, 0xF3, 0x55);

        frame.Length.Should().Be(8);
        frame.Data.Should().Equal(0x31, 0x04, 0xF3, 0x55, 0x55, 0x55, 0x55, 0x55);
        IsoTpFrame.KindOf(frame).Should().Be(IsoTpFrame.FlowControl);
        IsoTpFrame.KindOf(new CanFrame()).Should().Be(IsoTpFrame.NoPci);
    }
}
