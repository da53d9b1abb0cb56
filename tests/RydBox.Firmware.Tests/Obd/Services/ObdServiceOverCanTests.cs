using System.Text;
using RydBox.Firmware.Can;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Tests.Can;
using RydBox.Testing;

namespace RydBox.Firmware.Tests.Obd.Services;

/// <summary>The service layer over the direct CAN path, with ECUs on a virtual bus answering via ISO-TP.</summary>
public class ObdServiceOverCanTests
{
    private static readonly SortedDictionary<byte, byte[]> EnginePids = new()
    {
        [0x04] = [0x80], [0x05] = [0x7B], [0x0C] = [0x1A, 0xF8], [0x0D] = [0x32], [0x0F] = [0x41],
        [0x10] = [0x01, 0x2C], [0x11] = [0x26], [0x2F] = [0x80],
    };

    private static (ObdService Service, VirtualCanBus Bus) Car(bool extendedIds)
    {
        var bus = new VirtualCanBus();
        var engine = bus.AddEcu(extendedIds ? 0x18DAF110u : 0x7E8u, extendedIds);
        byte[] vin = [0x49, 0x02, 0x01, .. Encoding.ASCII.GetBytes("WVWZZZ1KZAW123456")];
        byte[] dtcs = [0x43, 0x03, 0x03, 0x01, 0x41, 0x23, 0xC1, 0x00]; // P0301, C0123, U0100
        engine.Answer = request => Convert.ToHexString(request) switch
        {
            "0902" => [(vin, 5)],
            "03" => [(dtcs, 5)],
            _ when request[0] == 0x01 && Mode01Answers.Answer(EnginePids, request[1..]) is { } answer => [(answer, 5)],
            _ => [],
        };
        var options = new CanObdOptions { ExtendedIds = extendedIds };
        return (new ObdService(new CanObdTransport(bus, bus.Clock, options)), bus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Discovery_polling_VIN_and_DTCs_work_over_ISO_TP(bool extendedIds)
    {
        var (service, bus) = Car(extendedIds);

        service.DiscoverSupportedPids().Should().Be(ObdStatus.Ok);
        var readings = new PidReadings(16);
        long before = bus.Clock.NowMilliseconds;
        service.ReadPids([0x0C, 0x0D, 0x04, 0x11, 0x05, 0x10, 0x0F, 0x2F], 8, readings);
        long pollingTime = bus.Clock.NowMilliseconds - before;
        var codes = new TroubleCodes(8);
        service.ReadDtcs(ObdService.StoredDtcs, codes).Should().Be(ObdStatus.Ok);

        readings.Count.Should().Be(8);
        readings.FailedRequests.Should().Be(0);
        readings.ValueAt(readings.IndexOf("engine_rpm")).Should().Be(1726);
        pollingTime.Should().BeLessThan(2 * new CanObdOptions().ResponseTimeoutMs,
            "two requests, each returning as soon as the one known ECU has answered");
        service.ReadVin().Should().Be("WVWZZZ1KZAW123456");
        Enumerable.Range(0, codes.Count).Select(codes.CodeAt).Should().Equal("P0301", "C0123", "U0100");
        codes.EcuAt(0).Should().Be(extendedIds ? 0x18DAF110u : 0x7E8u);
    }
}
