using System.Net;
using System.Net.Sockets;
using RydBox.Box.Host.Probe;
using RydBox.Testing.Elm327;

namespace RydBox.Box.Host.Tests;

public class ProbeCommandTests
{
    [Fact]
    public void Probe_over_a_pseudo_terminal_finds_the_baud_rate_and_reports_the_vehicle()
    {
        using var adapter = ScriptedAdapterServer.OnPseudoTerminal(new ScriptedElm327(ScriptedVehicle.Typical()), baudRate: 115200);

        var run = ProbeRun.Start("--elm", adapter.Address, "--json");

        run.ExitCode.Should().Be(0, run.Stderr);
        ProbeReport report = run.Report;
        report.BaudRate.Should().Be(115200);
        report.Identity.Should().Be(ScriptedElm327.Identity);
        report.Protocol.Should().Contain("CAN 11/500");
        report.BatteryVolts.Should().Be(12.6);
        report.Vin.Should().Be(ScriptedVehicle.Vin);
        report.Dtcs.Should().ContainSingle().Which.Should().Be(new ProbeDtc("P0301", "stored", "7E8"));
        report.Ecus.Select(e => e.Id).Should().Equal("7E8", "7E9");
        ProbeEcu engine = report.Ecus[0];
        engine.SupportedPids.Should().Equal("04", "05", "0B", "0C", "0D", "0F", "10", "11", "2F", "42");
        engine.Readings.Should().Contain(new ProbeReading("0C", "engine_rpm", 800, "rpm"));
        engine.Readings.Should().Contain(r => r.Name == "coolant_temp" && r.Value == 83);
        engine.Readings.Should().Contain(r => r.Pid == "42" && Math.Abs(r.Value - 14.0) < 0.001);
        report.Ecus[1].Readings.Should().Contain(r => r.Name == "coolant_temp" && r.Value == 50);
        run.Stderr.Should().Contain("baud rate");
    }

    [Fact]
    public void Probe_over_TCP_prints_a_readable_table()
    {
        using var adapter = ScriptedAdapterServer.OnTcp(new ScriptedElm327(ScriptedVehicle.Typical()));

        var run = ProbeRun.Start("--elm", adapter.Address);

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("Protocol  ISO 15765-4 (CAN 11/500)")
            .And.Contain("VIN       " + ScriptedVehicle.Vin)
            .And.Contain("P0301 (stored, ECU 7E8)")
            .And.Contain("ECU 7E9: 2 supported PIDs");
        run.Stdout.Should().MatchRegex(@"0C\s+engine_rpm\s+800\s+rpm");
    }

    [Fact]
    public void An_adapter_without_a_car_is_named_as_such()
    {
        using var adapter = ScriptedAdapterServer.OnTcp(new ScriptedElm327(vehicle: null));

        var run = ProbeRun.Start("--elm", adapter.Address, "--json");

        run.ExitCode.Should().Be((int)ProbeOutcome.NoVehicle, run.Stderr);
        ProbeReport report = run.Report;
        report.Identity.Should().Be(ScriptedElm327.Identity);
        report.BatteryVolts.Should().Be(12.6);
        report.Problem!.Hint.Should().Contain("ignition");
    }

    [Fact]
    public void A_wrong_baud_rate_is_named_with_what_to_try()
    {
        using var adapter = ScriptedAdapterServer.OnPseudoTerminal(new ScriptedElm327(ScriptedVehicle.Typical()), baudRate: 38400);

        var run = ProbeRun.Start("--elm", adapter.Address, "--baud", "9600");

        run.ExitCode.Should().Be((int)ProbeOutcome.AdapterSilent, run.Stdout + run.Stderr);
        run.Stdout.Should().Contain("at 9600 baud").And.Contain("leave out --baud");
    }

    [Fact]
    public void Silence_on_every_baud_rate_means_no_adapter()
    {
        using var pty = new RydBox.Simulator.Terminals.PseudoTerminal();

        var run = ProbeRun.Start("--elm", pty.SlavePath, "--json");

        run.ExitCode.Should().Be((int)ProbeOutcome.AdapterSilent);
        run.Report.Problem!.Message.Should().Contain("no ELM327 answered").And.Contain("38400");
        run.Report.Problem.Hint.Should().Contain("powered");
    }

    [Fact]
    public void A_TCP_port_where_nothing_answers_like_an_ELM327_is_named()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            var run = ProbeRun.Start("--elm", $"tcp://127.0.0.1:{port}", "--json");

            run.ExitCode.Should().Be((int)ProbeOutcome.AdapterSilent);
            run.Report.Problem!.Message.Should().Contain("nothing there answers like an ELM327");
            run.Report.Problem.Hint.Should().Contain("35000");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void A_missing_serial_device_is_named()
    {
        var run = ProbeRun.Start("--elm", "/dev/ttyUSB-rydbox-missing");

        run.ExitCode.Should().Be((int)ProbeOutcome.AdapterUnreachable);
        run.Stdout.Should().Contain("/dev/ttyUSB-rydbox-missing does not exist");
    }

    [Fact]
    public void A_refused_TCP_connection_is_named()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = ProbeRun.Start("--elm", $"tcp://127.0.0.1:{port}");

        run.ExitCode.Should().Be((int)ProbeOutcome.AdapterUnreachable);
        run.Stdout.Should().Contain($"cannot connect to 127.0.0.1:{port}").And.Contain("Wi-Fi");
    }

    [Theory]
    [InlineData("http://192.168.0.10")]
    [InlineData("tcp://host:99999")]
    public void A_malformed_address_is_a_usage_error(string address)
    {
        var run = ProbeRun.Start("--elm", address);

        run.ExitCode.Should().Be((int)ProbeOutcome.UsageError);
        run.Stdout.Should().Contain(address);
    }
}
