using RydBox.Firmware.Can;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Pids;
using RydBox.Firmware.Obd.Services;
using RydBox.Simulator.Ecus;

namespace RydBox.Simulator.Tests.Ecus;

/// <summary>The firmware's direct-CAN stack (CanObdTransport, ObdService) against the virtual ECUs on a virtual bus.</summary>
public sealed class CanObdTransportTests
{
    private const uint Engine = 0x7E8;
    private const uint Transmission = 0x7E9;

    [Fact]
    public void Discovery_finds_both_ECUs_with_the_PIDs_of_their_tables()
    {
        using var bench = new EcuBench(TestVehicle.Idling);

        bench.Service.DiscoverSupportedPids().Should().Be(ObdStatus.Ok);

        bench.Service.Ecus.Count.Should().Be(2);
        SupportedBy(bench, Engine).Should().Equal(
            0x00, 0x01, 0x04, 0x05, 0x0B, 0x0C, 0x0D, 0x0F, 0x10, 0x11, 0x1C, 0x20, 0x2F, 0x40, 0x42, 0x46, 0x5C, 0x60, 0x80, 0xA0, 0xA6);
        SupportedBy(bench, Transmission).Should().Equal(0x00, 0x01, 0x0D, 0x1C, 0x20, 0x40, 0x60, 0x80, 0xA0, 0xA4);
    }

    [Fact]
    public void Every_value_read_is_what_the_table_encodes_decoded_by_the_firmware()
    {
        using var bench = new EcuBench(TestVehicle.Driving);
        bench.Service.DiscoverSupportedPids();
        byte[] pids = EnginePids.Rows.Concat(TransmissionPids.Rows(TransmissionPids.SixSpeedRatios)).Select(r => r.Pid).Distinct().ToArray();
        var readings = new PidReadings(128);

        bench.Service.ReadPids(pids, pids.Length, readings);

        readings.FailedRequests.Should().Be(0);
        var expected = bench.Ecus.All.SelectMany(ecu => ecu.Profile.Pids.SelectMany(row => Expected(ecu, row))).ToList();
        var actual = Enumerable.Range(0, readings.Count)
            .Select(i => (readings.EcuIdAt(i), readings.PidAt(i), readings.SignalAt(i).Name, readings.ValueAt(i)))
            .ToList();
        actual.Should().BeEquivalentTo(expected);
        actual.Should().Contain((Engine, (byte)0x0C, "engine_rpm", 2143.75)).And.Contain((Transmission, (byte)0xA4, "transmission_gear", 3.0));
    }

    [Fact]
    public void The_VIN_comes_in_consecutive_frames_paced_by_the_testers_flow_control()
    {
        // Block size 1: the ECU must wait for flow control before each consecutive frame.
        using var bench = new EcuBench(TestVehicle.Idling, new CanObdOptions { BlockSize = 1, SeparationTime = 5 });

        bench.Service.ReadVin().Should().Be(EcuBench.Identity.Vin);

        var frames = bench.Monitor.Frames.Where(f => f.Id is 0x7E8 or 0x7E0).Select(f => $"{f.Id:X3} {f.Data[0] >> 4}").ToList();
        frames.Should().Equal("7E8 1", "7E0 3", "7E8 2", "7E0 3", "7E8 2");
    }

    [Fact]
    public void Consecutive_frames_keep_the_testers_separation_time()
    {
        using var bench = new EcuBench(TestVehicle.Idling, new CanObdOptions { BlockSize = 2, SeparationTime = 5 });
        string[] codes = ["P0301", "P0302", "P0303", "P0304", "P0420", "P0171", "P0128", "P0442", "P0455", "P0505"];
        foreach (string code in codes)
        {
            bench.Ecus.Engine.Dtcs.SetStored(code);
        }

        var read = new TroubleCodes(32);
        bench.Service.ReadDtcs(ObdService.StoredDtcs, read).Should().Be(ObdStatus.Ok);

        Enumerable.Range(0, read.Count).Where(i => read.EcuAt(i) == Engine).Select(read.CodeAt).Should().Equal(codes);
        var engine = bench.Monitor.Frames.Where(f => f.Id is 0x7E8 or 0x7E0).ToList();
        engine.Select(f => $"{f.Id:X3} {f.Data[0] >> 4}").Should().Equal("7E8 1", "7E0 3", "7E8 2", "7E8 2", "7E0 3", "7E8 2");
        (engine[3].DeliverAt - engine[2].DeliverAt).Should().BeGreaterThanOrEqualTo(5, "STmin 5 ms separates consecutive frames");
    }

    [Fact]
    public void Trouble_codes_are_read_per_ECU_and_cleared_with_the_MIL()
    {
        using var bench = new EcuBench(TestVehicle.Idling);
        bench.Ecus.Engine.Dtcs.SetStored("P0301");
        bench.Ecus.Engine.Dtcs.SetPending("P0171");
        bench.Ecus.Transmission.Dtcs.SetStored("P0700");
        bench.Service.DiscoverSupportedPids();

        Codes(bench, ObdService.StoredDtcs).Should().BeEquivalentTo([(Engine, "P0301"), (Transmission, "P0700")]);
        Codes(bench, ObdService.PendingDtcs).Should().Equal((Engine, "P0171"));
        MonitorStatus(bench, Engine).Should().Be(0x81076500, "MIL on, one stored code, monitors complete");

        bench.Service.ClearDiagnosticInformation().Should().Be(ObdStatus.Ok);

        Codes(bench, ObdService.StoredDtcs).Should().BeEmpty();
        Codes(bench, ObdService.PendingDtcs).Should().BeEmpty();
        Codes(bench, ObdService.PermanentDtcs).Should().BeEquivalentTo([(Engine, "P0301"), (Transmission, "P0700")], "permanent codes outlive mode 04");
        MonitorStatus(bench, Engine).Should().Be(0x00776565, "MIL off, readiness monitors incomplete again");
    }

    [Fact]
    public void ECUs_are_silent_while_the_ignition_is_off()
    {
        using var bench = new EcuBench(TestVehicle.Parked);

        bench.Service.DiscoverSupportedPids().Should().Be(ObdStatus.NoData);
        bench.Request(Engine, 0x01, 0x00).Status.Should().Be(ObdStatus.NoData);

        bench.Vehicle.State = TestVehicle.Idling;
        bench.Service.DiscoverSupportedPids().Should().Be(ObdStatus.Ok, "they wake with the ignition");
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x0C, 0x00 }, new byte[] { 0x7F, 0x02, 0x11 })]
    [InlineData(new byte[] { 0x01, 0x0A }, new byte[] { 0x7F, 0x01, 0x31 })]
    [InlineData(new byte[] { 0x01 }, new byte[] { 0x7F, 0x01, 0x12 })]
    [InlineData(new byte[] { 0x03, 0x00 }, new byte[] { 0x7F, 0x03, 0x12 })]
    [InlineData(new byte[] { 0x09, 0x06 }, new byte[] { 0x7F, 0x09, 0x31 })]
    public void A_request_addressed_to_one_ECU_is_refused_with_a_negative_response(byte[] request, byte[] refusal)
    {
        using var bench = new EcuBench(TestVehicle.Idling);

        ObdResponseSet answer = bench.Request(Engine, request);

        answer.Status.Should().Be(ObdStatus.Ok);
        Payload(answer.Find(Engine)!).Should().Equal(refusal);
        bench.Request(ObdAddressing.Functional, request).Status.Should().Be(ObdStatus.NoData, "functional requests get no refusals");
    }

    [Fact]
    public void A_multi_frame_request_is_received_after_the_ECUs_flow_control()
    {
        using var bench = new EcuBench(TestVehicle.Idling);

        // Seven PIDs: one more than J1979 allows, so the reassembled request is refused as malformed.
        ObdResponseSet answer = bench.Request(Engine, 0x01, 0x0C, 0x0D, 0x04, 0x05, 0x0B, 0x0F, 0x11);

        Payload(answer.Find(Engine)!).Should().Equal(0x7F, 0x01, 0x12);
        bench.Monitor.Frames.Select(f => $"{f.Id:X3} {f.Data[0] >> 4}").Should().StartWith(["7E0 1", "7E8 3", "7E0 2"]);
    }

    [Fact]
    public void A_request_longer_than_the_ECU_takes_is_refused_with_flow_control_overflow()
    {
        using var bench = new EcuBench(TestVehicle.Idling);
        byte[] request = [0x01, .. Enumerable.Repeat((byte)0x0C, 99)];

        bench.Request(Engine, request).Status.Should().Be(ObdStatus.Rejected);
        bench.Monitor.Frames.Select(f => $"{f.Id:X3} {f.Data[0]:X2}").Should().Equal("7E0 10", "7E8 32");
    }

    [Fact]
    public void Both_ECUs_name_themselves_and_their_calibrations_at_once()
    {
        using var bench = new EcuBench(TestVehicle.Idling);

        bench.Service.ReadCalibrationIds().Should().BeEquivalentTo("RYDSIM-ECM-0100", "RYDSIM-TCM-0100");
        ObdResponseSet names = bench.Request(ObdAddressing.Functional, 0x09, 0x0A);
        Text(names.Find(Engine)!).Should().Be("49 0A 01 ECM-EngineControl");
        Text(names.Find(Transmission)!).Should().Be("49 0A 01 TCM-TransmissionCtl");
        Payload(bench.Request(Engine, 0x09, 0x00).Find(Engine)!).Should().Equal(0x49, 0x00, 0x50, 0x40, 0x00, 0x00);
    }

    private static List<int> SupportedBy(EcuBench bench, uint ecu)
    {
        SupportedPids pids = bench.Service.Ecus.Find(ecu)!;
        return Enumerable.Range(0, 256).Where(pids.IsSupported).ToList();
    }

    private static IEnumerable<(uint, byte, string, double)> Expected(VirtualEcu ecu, PidRow row)
    {
        var inputs = new PidInputs(TestVehicle.Driving, new EcuDiagnostics(false, 0, false, ecu.Profile.Monitors));
        byte[] data = row.Encode(inputs);
        return PidTable.Find(row.Pid)!.Signals.Select(s => (ecu.Profile.ResponseId, row.Pid, s.Name, s.Decode(data, 0)));
    }

    private static List<(uint, string)> Codes(EcuBench bench, byte service)
    {
        var codes = new TroubleCodes(32);
        bench.Service.ReadDtcs(service, codes).Should().Be(ObdStatus.Ok);
        return Enumerable.Range(0, codes.Count).Select(i => (codes.EcuAt(i), codes.CodeAt(i))).ToList();
    }

    private static long MonitorStatus(EcuBench bench, uint ecu)
    {
        var readings = new PidReadings(8);
        bench.Service.ReadPids([0x01], 1, readings);
        return readings.RawValueAt(Enumerable.Range(0, readings.Count).Single(i => readings.EcuIdAt(i) == ecu));
    }

    private static byte[] Payload(EcuResponse response) => response.Data[..response.Length];

    private static string Text(EcuResponse response)
    {
        byte[] payload = Payload(response);
        return string.Join(' ', payload[..3].Select(b => b.ToString("X2"))) + " " + new string(payload[3..].Where(b => b != 0).Select(b => (char)b).ToArray());
    }
}
