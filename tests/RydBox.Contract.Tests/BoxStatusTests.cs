using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

public class BoxStatusTests
{
    [Fact]
    public void Supported_pids_are_the_union_of_every_ecu_and_sent_without_trailing_zero_bytes()
    {
        var engine = new SupportedPids();
        engine.ApplyBitmap(0x00, [0x18, 0x3B, 0x80, 0x11], 0); // 04 05 0B 0C 0D 0F 10 11 ... 20
        var gearbox = new SupportedPids();
        gearbox.ApplyBitmap(0x00, [0x00, 0x00, 0x80, 0x00], 0); // 11
        gearbox.ApplyBitmap(0x20, [0x00, 0x02, 0x00, 0x00], 0); // 2F
        var status = new BoxStatus { Online = true, FirmwareVersion = "1.2.0" };
        status.AddSupported(engine);
        status.AddSupported(gearbox);

        status.SupportedPidLength.Should().Be(6, "PID 2F is in byte 5, nothing after it");
        var buffer = new byte[128];
        int length = new StatusEncoder().Encode(status, buffer);
        StatusDecoder.Decode(buffer.AsMemory(0, length)).SupportedPids.Should()
            .Equal(Enumerable.Range(0, 256).Where(pid => engine.IsSupported(pid) || gearbox.IsSupported(pid)));

        status.ClearSupportedPids();
        status.SupportedPidLength.Should().Be(0);
        length = new StatusEncoder().Encode(status, buffer);
        StatusDecoder.Decode(buffer.AsMemory(0, length)).SupportedPids.Should().BeEmpty();
    }
}
