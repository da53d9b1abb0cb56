using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Firmware.Tests.Obd.Services;

public class ObdServiceDtcTests
{
    [Fact]
    public void Codes_of_every_ECU_are_kept_with_their_ECU()
    {
        var transport = new TableTransport();
        transport.Raw[(0x7E8, "03")] = [0x43, 0x02, 0x03, 0x01, 0x01, 0x71];
        transport.Raw[(0x7E9, "03")] = [0x43, 0x01, 0x07, 0x00];
        var codes = new TroubleCodes(8);

        new ObdService(transport).ReadDtcs(ObdService.StoredDtcs, codes).Should().Be(ObdStatus.Ok);

        Enumerable.Range(0, codes.Count).Select(i => (codes.CodeAt(i), codes.EcuAt(i)))
            .Should().Equal(("P0301", 0x7E8u), ("P0171", 0x7E8u), ("P0700", 0x7E9u));
    }

    [Fact]
    public void K_line_frames_each_starting_with_the_service_byte_are_read_frame_by_frame()
    {
        var transport = new TableTransport(isCan: false);
        transport.Raw[(0x10, "07")] =
        [
            0x47, 0x03, 0x01, 0x01, 0x71, 0x04, 0x20,
            0x47, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        var codes = new TroubleCodes(8);

        new ObdService(transport).ReadDtcs(ObdService.PendingDtcs, codes);

        Enumerable.Range(0, codes.Count).Select(codes.CodeAt).Should().Equal("P0301", "P0171", "P0420", "U0100");
        codes.MalformedAnswers.Should().Be(0);
    }

    [Fact]
    public void A_malformed_answer_is_counted_and_the_others_still_read()
    {
        var transport = new TableTransport();
        transport.Raw[(0x7E8, "0A")] = [0x4A, 0x05, 0x03, 0x01];
        transport.Raw[(0x7E9, "0A")] = [0x4A, 0x01, 0x07, 0x00];
        var codes = new TroubleCodes(8);

        new ObdService(transport).ReadDtcs(ObdService.PermanentDtcs, codes);

        codes.MalformedAnswers.Should().Be(1);
        Enumerable.Range(0, codes.Count).Select(codes.CodeAt).Should().Equal("P0700");
    }

    [Fact]
    public void Clearing_is_only_done_when_asked_and_reports_the_ECU_acknowledgement()
    {
        var transport = new TableTransport();
        transport.Raw[(0x7E8, "04")] = [0x44];
        var service = new ObdService(transport);

        service.DiscoverSupportedPids();
        service.ReadDtcs(ObdService.StoredDtcs, new TroubleCodes(4));
        service.ReadVin();
        transport.Requests.Should().NotContain(r => r.Request[0] == 0x04, "nothing but an explicit call may clear DTCs");

        service.ClearDiagnosticInformation().Should().Be(ObdStatus.Ok);
        transport.Requests.Last().Request.Should().Equal(0x04);
    }

    [Fact]
    public void A_refused_clear_is_reported()
    {
        var transport = new TableTransport();
        transport.Raw[(0x7E8, "04")] = [0x7F, 0x04, 0x22]; // conditions not correct (engine running)

        new ObdService(transport).ClearDiagnosticInformation().Should().Be(ObdStatus.Rejected);
    }
}
