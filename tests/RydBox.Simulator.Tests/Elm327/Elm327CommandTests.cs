using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RydBox.Box.Host.Transports;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Obd;
using RydBox.Simulator.Ecus;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>`rydbox-sim elm327` as a user runs it: it says where it listens, serves, logs clients and stops on Ctrl-C.</summary>
public sealed class Elm327CommandTests
{
    [Fact]
    public void Over_TCP_it_serves_the_seeded_vehicle_until_Ctrl_C()
    {
        using var run = SimulatorProcess.Start("elm327", "--listen", "tcp://127.0.0.1:0", "--seed", "3", "--elm-version", "v2.1");

        Match banner = Regex.Match(run.WaitForLine("listening on"), @"^ELM327 v2\.1 emulator listening on tcp://127\.0\.0\.1:(\d+) \(vehicle VIN (\w{17})\)");
        banner.Success.Should().BeTrue();
        banner.Groups[2].Value.Should().Be(VehicleIdentity.Generate(new Random(3)).Vin);
        using (var client = new RawClient(new IPEndPoint(IPAddress.Loopback, int.Parse(banner.Groups[1].Value, CultureInfo.InvariantCulture))))
        {
            client.Send("ATI").Should().Be("ATI\rELM327 v2.1\r\r>");
            client.Send("ATSP6").Should().Be("ATSP6\rOK\r\r>");
            client.Send("010D").Should().Be("010D\r41 0D 00\r41 0D 00\r\r>", "the engine idles for 20 s before the first drive");
            run.WaitForLine("connected").Should().Contain("Client 127.0.0.1:");
        }

        run.WaitForLine("disconnected").Should().Contain("Client 127.0.0.1:");
        run.Interrupt().Should().Be(0);
    }

    [Fact]
    public void On_a_pseudo_terminal_it_prints_the_device_to_open()
    {
        using var run = SimulatorProcess.Start("elm327", "--pty");

        Match banner = Regex.Match(run.WaitForLine("listening on"), @"listening on (/dev/pts/\d+) ");
        banner.Success.Should().BeTrue();
        using (var serial = new SerialByteStream(banner.Groups[1].Value, 38400))
        {
            var link = new Elm327Link(serial, SystemClock.Instance);
            link.Execute("ATI", 2000).Should().Be(ObdStatus.Ok);
            link.ReplyText().Should().Be("ELM327 v1.5");
        }

        run.WaitForLine("Client closed");
        run.Interrupt().Should().Be(0);
    }

    [Theory]
    [InlineData]
    [InlineData("--pty", "--listen", "tcp://127.0.0.1:0")]
    [InlineData("--listen", "127.0.0.1:35000")]
    [InlineData("--pty", "--elm-version", "1.5")]
    public void Without_exactly_one_valid_place_to_listen_it_explains_the_usage(params string[] arguments)
    {
        using var run = SimulatorProcess.Start(["elm327", .. arguments]);

        run.WaitForLine("rydbox-sim elm327:");
        run.WaitForExit().Should().Be(2);
    }
}
