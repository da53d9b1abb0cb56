using System.Text;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Firmware.Tests.Obd.Services;

public class ObdServiceTests
{
    private const uint Engine = 0x7E8;
    private const uint Transmission = 0x7E9;

    private static TableTransport TwoEcuCar(bool isCan = true)
    {
        var transport = new TableTransport(isCan);
        transport.Pids[Engine] = new()
        {
            [0x04] = [0x80], [0x05] = [0x7B], [0x0B] = [0x21], [0x0C] = [0x1A, 0xF8], [0x0D] = [0x32],
            [0x0F] = [0x41], [0x10] = [0x01, 0x2C], [0x11] = [0x26], [0x2F] = [0x80], [0x46] = [0x3C],
        };
        transport.Pids[Transmission] = new() { [0x0D] = [0x31], [0x05] = [0x5A] };
        return transport;
    }

    [Fact]
    public void Discovery_finds_each_ECU_and_follows_the_bitmap_chain_only_where_it_continues()
    {
        var transport = TwoEcuCar();
        var service = new ObdService(transport);

        service.DiscoverSupportedPids().Should().Be(ObdStatus.Ok);

        service.Ecus.Count.Should().Be(2);
        SupportedPids engine = service.Ecus.Find(Engine)!;
        engine.IsSupported(0x0C).Should().BeTrue();
        engine.IsSupported(0x46).Should().BeTrue("the 40 bitmap was asked because the 20 bitmap said so");
        engine.IsSupported(0x0E).Should().BeFalse();
        SupportedPids transmission = service.Ecus.Find(Transmission)!;
        transmission.IsSupported(0x0D).Should().BeTrue();
        transmission.IsSupported(0x0C).Should().BeFalse();

        transport.Requests.Select(r => Convert.ToHexString(r.Request)).Should().Equal("0100", "0120", "0140");
        transport.Requests[1].Expected.Should().Be(1, "only the engine ECU claims PID 20");
    }

    [Fact]
    public void Discovery_reports_why_when_no_ECU_answers()
    {
        var transport = new TableTransport { ForcedStatus = ObdStatus.UnableToConnect };
        new ObdService(transport).DiscoverSupportedPids().Should().Be(ObdStatus.UnableToConnect);
    }

    [Fact]
    public void Eight_PIDs_take_two_requests_on_CAN_and_each_ECU_value_is_kept()
    {
        var transport = TwoEcuCar();
        var service = new ObdService(transport);
        service.DiscoverSupportedPids();
        transport.Requests.Clear();
        var readings = new PidReadings(32);

        service.ReadPids([0x0C, 0x0D, 0x04, 0x11, 0x05, 0x10, 0x0F, 0x2F], 8, readings);

        transport.Requests.Select(r => Convert.ToHexString(r.Request)).Should().Equal("010C0D04110510", "010F2F");
        transport.Requests[0].Expected.Should().Be(2, "both ECUs support some of the first six");
        transport.Requests[1].Expected.Should().Be(1);
        readings.FailedRequests.Should().Be(0);
        readings.ValueAt(readings.IndexOf("engine_rpm")).Should().Be(1726); // 0x1AF8 / 4
        var speeds = Enumerable.Range(0, readings.Count).Where(i => readings.SignalAt(i).Name == "vehicle_speed")
            .Select(i => (readings.EcuIdAt(i), readings.ValueAt(i)));
        speeds.Should().BeEquivalentTo(new[] { (Engine, 50.0), (Transmission, 49.0) });
        readings.ValueAt(readings.IndexOf("fuel_level")).Should().BeApproximately(50.196, 0.001);
    }

    [Fact]
    public void Older_protocols_get_one_PID_per_request_and_unsupported_PIDs_are_not_asked()
    {
        var transport = TwoEcuCar(isCan: false);
        var service = new ObdService(transport);
        service.DiscoverSupportedPids();
        transport.Requests.Clear();
        var readings = new PidReadings(16);

        service.ReadPids([0x0C, 0x0E, 0x20, 0x0D], 4, readings);

        transport.Requests.Select(r => Convert.ToHexString(r.Request)).Should().Equal("010C", "010D");
        readings.Count.Should().Be(3);
    }

    [Fact]
    public void An_answer_cut_inside_a_PID_keeps_what_came_before_and_counts_a_failure()
    {
        var transport = new TableTransport();
        transport.Raw[(Engine, "010C0D")] = [0x41, 0x0C, 0x1A, 0xF8, 0x0D];
        var readings = new PidReadings(8);

        new ObdService(transport).ReadPids([0x0C, 0x0D], 2, readings);

        readings.Count.Should().Be(1);
        readings.SignalAt(0).Name.Should().Be("engine_rpm");
        readings.FailedRequests.Should().Be(1);
    }

    [Fact]
    public void Negative_responses_are_not_failures_of_the_transport()
    {
        var transport = new TableTransport();
        transport.Raw[(Engine, "010C")] = [0x7F, 0x01, 0x12];
        var readings = new PidReadings(8);

        new ObdService(transport).ReadPids([0x0C], 1, readings);

        readings.Count.Should().Be(0);
        readings.FailedRequests.Should().Be(0);
    }

    [Fact]
    public void A_failed_request_is_counted_and_the_status_kept()
    {
        var transport = new TableTransport { ForcedStatus = ObdStatus.BusError };
        var service = new ObdService(transport);
        var readings = new PidReadings(8);

        service.ReadPids([0x0C, 0x0D], 2, readings);

        readings.FailedRequests.Should().Be(1);
        service.LastStatus.Should().Be(ObdStatus.BusError);
    }

    [Theory]
    [InlineData("4902013147314A43353434345237323532333637")]
    [InlineData("4902010000003147314A43353434345237323532333637")] // zero padding in front, as some ECUs send
    public void VIN_is_read_from_a_CAN_answer(string hex)
    {
        var transport = new TableTransport();
        transport.Raw[(Engine, "0902")] = Convert.FromHexString(hex);

        new ObdService(transport).ReadVin().Should().Be("1G1JC5444R7252367");
    }

    [Fact]
    public void VIN_is_read_from_K_line_frames()
    {
        byte[] vin = Encoding.ASCII.GetBytes("\0\0\01G1JC5444R7252367");
        var frames = new List<byte>();
        for (int i = 0; i < 5; i++)
        {
            frames.AddRange([0x49, 0x02, (byte)(i + 1), .. vin.AsSpan(i * 4, 4).ToArray()]);
        }

        var transport = new TableTransport(isCan: false);
        transport.Raw[(0x10, "0902")] = frames.ToArray();

        new ObdService(transport).ReadVin().Should().Be("1G1JC5444R7252367");
    }

    [Theory]
    [InlineData("4902013147314A43353434345237323532")]          // 14 characters
    [InlineData("4902013147314A4335343434523732353233364F")]    // an O, which VINs never contain
    [InlineData("4A02013147314A43353434345237323532333637")]    // not a mode 09 answer
    public void A_malformed_VIN_gives_null(string hex)
    {
        var transport = new TableTransport();
        transport.Raw[(Engine, "0902")] = Convert.FromHexString(hex);

        new ObdService(transport).ReadVin().Should().BeNull();
    }

    [Fact]
    public void Calibration_ids_of_every_ECU_are_listed_without_padding()
    {
        var transport = new TableTransport();
        transport.Raw[(Engine, "0904")] = [0x49, 0x04, 0x02, .. Pad("JMB*36761500"), .. Pad("JMB*47872611")];
        transport.Raw[(Transmission, "0904")] = [0x49, 0x04, 0x01, .. Pad("TCM-0815")];

        new ObdService(transport).ReadCalibrationIds().Should().Equal("JMB*36761500", "JMB*47872611", "TCM-0815");

        static byte[] Pad(string id) => [.. Encoding.ASCII.GetBytes(id), .. new byte[16 - id.Length]];
    }
}
