using System.Text;
using RydBox.Simulator.Tests.Ecus;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>The emulator over a real socket, driven the way third-party OBD libraries drive an adapter.</summary>
public sealed class ThirdPartyClientTests
{
    [Fact]
    public void Python_OBDs_connection_sequence_gets_a_genuine_chips_replies()
    {
        var bench = new EmulatorBench(TestVehicle.Idling);
        using var server = bench.ServeTcp();
        using var client = new RawClient(server.LocalEndpoint);
        string[] vin = Encoding.ASCII.GetBytes(EcuBench.Identity.Vin).Select(b => b.ToString("X2")).ToArray();

        // Its baud-rate probe, then its init: ATZ, ATE0, ATH1, ATL0, AT RV, ATSP0, 0100, ATDPN; then a VIN request.
        client.Send("\u007f\u007f").Should().Be("\u007f\u007f\r?\r\r>");
        client.Send("ATZ").Should().Be("ATZ\r\r\rELM327 v1.5\r\r>");
        client.Send("ATE0").Should().Be("ATE0\rOK\r\r>");
        client.Send("ATH1").Should().Be("OK\r\r>");
        client.Send("ATL0").Should().Be("OK\r\r>");
        client.Send("AT RV").Should().Be("14.1V\r\r>");
        client.Send("ATSP0").Should().Be("OK\r\r>");
        client.Send("0100").Should().Be("SEARCHING...\r7E8 06 41 00 98 3B 80 11\r7E9 06 41 00 80 08 00 11\r\r>");
        client.Send("ATDPN").Should().Be("A6\r\r>");
        client.Send("0902").Should().Be(
            $"7E8 10 14 49 02 01 {string.Join(' ', vin[..3])}\r7E8 21 {string.Join(' ', vin[3..10])}\r7E8 22 {string.Join(' ', vin[10..])}\r\r>");
        client.Send("ATRV").Should().Be("14.1V\r\r>");
    }

    [Fact]
    public void A_character_sent_before_the_prompt_stops_the_request()
    {
        var bench = new EmulatorBench(TestVehicle.Idling);
        using var server = bench.ServeTcp();
        using var client = new RawClient(server.LocalEndpoint);
        client.Send("ATE0");
        client.Send("ATSP6");

        client.Write("0100\rX");

        client.ReadUntilPrompt().Should().EndWith("STOPPED\r\r>");
        client.Send("ATI").Should().Be("ELM327 v1.5\r\r>", "the interrupting character is used up");
    }

    [Fact]
    public void Garbage_bytes_do_not_bring_the_server_down()
    {
        var bench = new EmulatorBench(TestVehicle.Parked, EmulatorBench.QuickSearch with { SearchFailsAfterMs = 0 });
        using var server = bench.ServeTcp();
        var random = new Random(7);
        using (var client = new RawClient(server.LocalEndpoint))
        {
            for (int i = 0; i < 50; i++)
            {
                var junk = new byte[random.Next(1, 400)];
                random.NextBytes(junk);
                client.Write(junk);
            }

            client.Write("\rATZ\rATI\u0000\n\r");
            client.ReadThrough("ATI\rELM327 v1.5\r\r>").Should().Contain("ATZ\r\r\rELM327 v1.5\r\r>", "NUL and LF are ignored");
        }

        using var next = new RawClient(server.LocalEndpoint);
        next.Send("ATI").Should().Be("ATI\rELM327 v1.5\r\r>");
    }
}
