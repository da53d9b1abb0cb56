using RydBox.Box.Host.Transports;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Pids;
using RydBox.Firmware.Obd.Services;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Elm327;
using RydBox.Simulator.Tests.Ecus;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>
/// The box firmware's own ELM327 driver (Elm327Initializer, Elm327Link, Elm327Transport) against the
/// emulator, through the box's real transports: a TCP socket and a serial port on a pseudo-terminal.
/// </summary>
public sealed class FirmwareDriverTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Over_TCP_the_firmware_initialises_the_adapter_and_reads_the_vehicle()
    {
        var bench = new EmulatorBench(TestVehicle.Driving);
        using Elm327TcpServerScope server = new(bench);
        using var stream = new TcpByteStream("127.0.0.1", server.Port, ConnectTimeout);
        var link = new Elm327Link(stream, SystemClock.Instance);

        Elm327Info info = new Elm327Initializer(link).Initialize();

        info.Status.Should().Be(Elm327InitStatus.Ready, info.FailureReason);
        info.Identity.Should().Be("ELM327 v1.5");
        info.Description.Should().Be("OBDII to RS232 Interpreter");
        info.StnIdentity.Should().BeEmpty("a genuine ELM327 answers STI with ?");
        info.ProtocolNumber.Should().Be(6);
        info.ProtocolName.Should().Be("ISO 15765-4 (CAN 11/500)");
        info.IsCan.Should().BeTrue();
        info.HeadersOn.Should().BeTrue();
        info.SpacesOff.Should().BeTrue();
        info.AdaptiveTiming.Should().BeTrue();
        info.EchoesDespiteAte0.Should().BeFalse();
        info.BatteryMillivolts.Should().Be(14100);
        ReadsTheVehicle(bench, link, info);
    }

    [Fact]
    public void Over_a_pseudo_terminal_the_firmware_finds_the_baud_rate_and_reads_the_vehicle_again_after_reopening()
    {
        var bench = new EmulatorBench(TestVehicle.Driving);
        using var server = bench.ServePseudoTerminal();

        using (var serial = new SerialByteStream(server.Path, 115200))
        {
            var link = new Elm327Link(serial, SystemClock.Instance);
            new Elm327BaudRateDetector(link, serial).Detect().Should().BeGreaterThan(0);
            Elm327Info info = new Elm327Initializer(link).Initialize();
            info.Status.Should().Be(Elm327InitStatus.Ready, info.FailureReason);
            ReadsTheVehicle(bench, link, info);
        }

        bench.Log.WaitFor("Client closed", 1).Should().BeTrue();
        using (var serial = new SerialByteStream(server.Path, 38400))
        {
            var link = new Elm327Link(serial, SystemClock.Instance);
            link.Execute("ATI", 1000).Should().Be(ObdStatus.Ok);
            link.ReplyText().Should().Be("ELM327 v1.5");
        }

        bench.Log.WaitFor("Client closed", 2).Should().BeTrue();
        bench.Log.Messages.Count(m => m.StartsWith("Client opened " + server.Path, StringComparison.Ordinal)).Should().Be(2);
    }

    [Fact]
    public void In_process_without_a_socket_the_firmware_initialises_the_adapter_and_reads_the_vehicle()
    {
        var bench = new EmulatorBench(TestVehicle.Driving);
        using var adapter = bench.Emulator.NewAdapter();
        var link = new Elm327Link(new InProcessAdapterStream(adapter), bench.Clock);

        Elm327Info info = new Elm327Initializer(link).Initialize();

        info.Status.Should().Be(Elm327InitStatus.Ready, info.FailureReason);
        info.ProtocolNumber.Should().Be(6);
        ReadsTheVehicle(bench, link, info);
    }

    [Fact]
    public void With_the_ignition_off_the_firmware_reports_no_vehicle()
    {
        var bench = new EmulatorBench(TestVehicle.Parked);
        using Elm327TcpServerScope server = new(bench);
        using var stream = new TcpByteStream("127.0.0.1", server.Port, ConnectTimeout);

        Elm327Info info = new Elm327Initializer(new Elm327Link(stream, SystemClock.Instance)).Initialize();

        info.Status.Should().Be(Elm327InitStatus.NoVehicle);
        info.FailureReason.Should().Be(Elm327Initializer.NoVehicleReason);
        info.BatteryMillivolts.Should().Be(12600);
    }

    [Fact]
    public void Several_clients_are_served_at_once_each_by_its_own_adapter()
    {
        var bench = new EmulatorBench(TestVehicle.Idling);
        using (Elm327TcpServerScope server = new(bench))
        {
            var vins = Enumerable.Range(0, 3).AsParallel().WithDegreeOfParallelism(3).Select(_ =>
            {
                using var stream = new TcpByteStream("127.0.0.1", server.Port, ConnectTimeout);
                var link = new Elm327Link(stream, SystemClock.Instance);
                Elm327Info info = new Elm327Initializer(link).Initialize();
                return info.IsReady ? new ObdService(new Elm327Transport(link, info)).ReadVin() : info.FailureReason;
            }).ToList();

            vins.Should().AllBe(EcuBench.Identity.Vin);
        }

        bench.Log.Messages.Count(m => m.EndsWith(" connected", StringComparison.Ordinal)).Should().Be(3);
        bench.Log.Messages.Count(m => m.EndsWith(" disconnected", StringComparison.Ordinal)).Should().Be(3);
    }

    /// <summary>Discovery, every PID, the VIN and the trouble codes through the firmware's services.</summary>
    private static void ReadsTheVehicle(EmulatorBench bench, Elm327Link link, Elm327Info info)
    {
        bench.Ecus.Engine.Dtcs.SetStored("P0301");
        var transport = new Elm327Transport(link, info);
        var service = new ObdService(transport);

        service.DiscoverSupportedPids().Should().Be(ObdStatus.Ok);
        service.Ecus.Count.Should().Be(2);
        byte[] pids = bench.Ecus.All.SelectMany(e => e.Profile.Pids).Select(r => r.Pid).Distinct().ToArray();
        var readings = new PidReadings(128);
        service.ReadPids(pids, pids.Length, readings);
        service.ReadPids(pids, pids.Length, readings);

        readings.FailedRequests.Should().Be(0);
        Enumerable.Range(0, readings.Count)
            .Select(i => (readings.EcuIdAt(i), readings.PidAt(i), readings.SignalAt(i).Name, readings.ValueAt(i)))
            .Should().BeEquivalentTo(Expected(bench));
        transport.CountSuffixRejected.Should().BeFalse("the emulator takes the response-count digit");
        service.ReadVin().Should().Be(EcuBench.Identity.Vin);

        var codes = new TroubleCodes(8);
        service.ReadDtcs(ObdService.StoredDtcs, codes).Should().Be(ObdStatus.Ok);
        codes.Count.Should().Be(1);
        codes.CodeAt(0).Should().Be("P0301");
        service.ClearDiagnosticInformation().Should().Be(ObdStatus.Ok);
        service.ReadDtcs(ObdService.StoredDtcs, codes).Should().Be(ObdStatus.Ok);
        codes.Count.Should().Be(0);
        bench.Ecus.Engine.Dtcs.MilOn.Should().BeFalse();
    }

    private static IEnumerable<(uint, byte, string, double)> Expected(EmulatorBench bench) =>
        bench.Ecus.All.SelectMany(ecu => ecu.Profile.Pids.SelectMany(row =>
        {
            var diagnostics = new EcuDiagnostics(ecu.Dtcs.MilOn, ecu.Dtcs.Stored.Count, false, ecu.Profile.Monitors);
            byte[] data = row.Encode(new PidInputs(bench.Vehicle.State, diagnostics));
            return PidTable.Find(row.Pid)!.Signals.Select(s => (ecu.Profile.ResponseId, row.Pid, s.Name, s.Decode(data, 0)));
        }));

    /// <summary>The TCP server for one test, with its port.</summary>
    private sealed class Elm327TcpServerScope(EmulatorBench bench) : IDisposable
    {
        private readonly RydBox.Simulator.Elm327.Elm327TcpServer _server = bench.ServeTcp();

        public int Port => _server.LocalEndpoint.Port;

        public void Dispose() => _server.Dispose();
    }
}
