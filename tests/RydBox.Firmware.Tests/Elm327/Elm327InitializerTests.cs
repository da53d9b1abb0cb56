using RydBox.Firmware.Elm327;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Elm327;

/// <summary>Initialisation against transcripts of real adapter conversations.</summary>
public class Elm327InitializerTests
{
    private readonly ManualClock _clock = new();

    private Elm327Info Run(ScriptedAdapter adapter)
    {
        var info = new Elm327Initializer(new Elm327Link(adapter, _clock)).Initialize();
        adapter.AssertDone();
        return info;
    }

    [Fact]
    public void Genuine_elm327_v15_on_can_11_500()
    {
        var adapter = new ScriptedAdapter(_clock)
            .Expect("ATZ", "\rELM327 v1.5", 1000)
            .ExpectSettings()
            .ExpectIdentity("ELM327 v1.5", "OBDII to RS232 Interpreter")
            .Expect("ATRV", "12.6V")
            .Expect("ATSP0", "OK")
            .Expect("0100", "SEARCHING...\r7E8064100BE3FA813", 2100)
            .Expect("ATDPN", "A6");

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.Ready);
        info.IsReady.Should().BeTrue();
        info.FailureReason.Should().BeEmpty();
        info.Identity.Should().Be("ELM327 v1.5");
        info.Description.Should().Be("OBDII to RS232 Interpreter");
        info.StnIdentity.Should().BeEmpty();
        info.ProtocolNumber.Should().Be(6);
        info.ProtocolName.Should().Be("ISO 15765-4 (CAN 11/500)");
        info.IsCan.Should().BeTrue();
        info.BatteryMillivolts.Should().Be(12600);
        info.SpacesOff.Should().BeTrue();
        info.HeadersOn.Should().BeTrue();
        info.AdaptiveTiming.Should().BeTrue();
        info.EchoesDespiteAte0.Should().BeFalse();
    }

    [Fact]
    public void Obdlink_stn_chip_reports_its_identity()
    {
        var adapter = new ScriptedAdapter(_clock)
            .Expect("ATZ", "\rELM327 v1.4b", 800)
            .ExpectSettings()
            .ExpectIdentity("ELM327 v1.4b", "OBDLink MX", "STN1155 v4.2.1")
            .Expect("ATRV", "14.12V")
            .Expect("ATSP0", "OK")
            .Expect("0100", "SEARCHING...\r18DAF1100641 00BE3FA813", 1500)
            .Expect("ATDPN", "A7");

        Elm327Info info = Run(adapter);

        info.StnIdentity.Should().Be("STN1155 v4.2.1");
        info.ProtocolName.Should().Be("ISO 15765-4 (CAN 29/500)");
        info.BatteryMillivolts.Should().Be(14120);
    }

    [Fact]
    public void Cheap_v21_clone_that_rejects_ats0_and_atat1_and_echoes_after_ate0()
    {
        var adapter = new ScriptedAdapter(_clock) { IgnoresEchoOff = true }
            .Expect("ATZ", "\r\rELM327 v2.1", 600)
            .ExpectSettings(spacesOff: "?", adaptiveTiming: "?")
            .ExpectIdentity("ELM327 v2.1")
            .Expect("ATRV", "12.3V")
            .Expect("ATSP0", "OK")
            .Expect("0100", "SEARCHING...\r7E8 06 41 00 BE 3F A8 13", 3000)
            .Expect("ATDPN", "A6");

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.Ready);
        info.SpacesOff.Should().BeFalse();
        info.AdaptiveTiming.Should().BeFalse();
        info.EchoesDespiteAte0.Should().BeTrue();
        info.Description.Should().BeEmpty();
        info.Identity.Should().Be("ELM327 v2.1");
        info.ProtocolNumber.Should().Be(6);
    }

    [Fact]
    public void Adapter_that_answers_late_is_waited_for()
    {
        var adapter = new ScriptedAdapter(_clock)
            .Expect("ATZ", "\rELM327 v1.5", 2800)
            .ExpectSettings(delayMs: 900)
            .ExpectIdentity("ELM327 v1.5", delayMs: 900)
            .Expect("ATRV", "12.4V", 900)
            .Expect("ATSP0", "OK", 900)
            .Expect("0100", "SEARCHING...\r7E8064100BE3FA813", 9000)
            .Expect("ATDPN", "A6", 900);

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.Ready);
        _clock.NowMilliseconds.Should().Be(2800 + 11 * 900 + 9000);
    }

    [Fact]
    public void K_line_car_is_found_after_the_can_fallbacks_fail()
    {
        var adapter = new ScriptedAdapter(_clock)
            .Expect("ATZ", "\rELM327 v1.5", 1000)
            .ExpectSettings()
            .ExpectIdentity("ELM327 v1.5")
            .Expect("ATRV", "12.5V")
            .Expect("ATSP0", "OK")
            .Expect("0100", "SEARCHING...\rUNABLE TO CONNECT", 14000)
            .Expect("ATSP6", "OK").Expect("0100", "CAN ERROR", 400)
            .Expect("ATSP8", "OK").Expect("0100", "CAN ERROR", 400)
            .Expect("ATSP7", "OK").Expect("0100", "CAN ERROR", 400)
            .Expect("ATSP9", "OK").Expect("0100", "CAN ERROR", 400)
            .Expect("ATSP3", "OK").Expect("0100", "BUS INIT: ...OK\r486B104100BE3EB811FA", 3600)
            .Expect("ATDPN", "3");

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.Ready);
        info.ProtocolNumber.Should().Be(3);
        info.ProtocolName.Should().Be("ISO 9141-2 (5 baud init)");
        info.IsCan.Should().BeFalse();
    }

    [Fact]
    public void Adapter_without_a_car_answers_unable_to_connect_everywhere()
    {
        var adapter = new ScriptedAdapter(_clock)
            .Expect("ATZ", "\rELM327 v1.5", 1000)
            .ExpectSettings()
            .ExpectIdentity("ELM327 v1.5")
            .Expect("ATRV", "12.1V")
            .Expect("ATSP0", "OK").Expect("0100", "SEARCHING...\rUNABLE TO CONNECT", 15000);
        foreach (int protocol in Elm327ProtocolSearch.Protocols)
        {
            string answer = protocol >= 6 ? "CAN ERROR" : protocol >= 3 ? "BUS INIT: ...ERROR" : "NO DATA";
            adapter.Expect("ATSP" + protocol, "OK").Expect("0100", answer, 500);
        }

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.NoVehicle);
        info.FailureReason.Should().Contain("UNABLE TO CONNECT").And.Contain("ignition off");
        info.Identity.Should().Be("ELM327 v1.5", "the adapter itself was identified");
        info.BatteryMillivolts.Should().Be(12100);
        info.ProtocolNumber.Should().Be(0);
        info.IsReady.Should().BeFalse();
    }

    [Fact]
    public void Silence_means_no_adapter_after_trying_every_reset()
    {
        var adapter = new ScriptedAdapter(_clock).Silent("ATZ").Silent("ATWS").Silent("ATD");

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.NoAdapter);
        info.FailureReason.Should().Contain("wrong baud rate");
        _clock.NowMilliseconds.Should().Be(3 * 3000);
    }

    [Fact]
    public void Clone_that_hangs_on_atz_is_reset_with_atws()
    {
        var adapter = new ScriptedAdapter(_clock)
            .Silent("ATZ")
            .Expect("ATWS", "\rELM327 v1.5", 300)
            .ExpectSettings()
            .ExpectIdentity("?")
            .Expect("ATRV", "?")
            .Expect("ATSP0", "OK").Expect("0100", "SEARCHING...\r7E8064100BE3FA813", 2000)
            .Expect("ATDPN", "?");

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.Ready);
        info.Identity.Should().Be("ELM327 v1.5", "the ATWS banner stands in for the rejected ATI");
        info.BatteryMillivolts.Should().Be(-1);
        info.ProtocolNumber.Should().Be(0, "the automatic search worked but ATDPN was not answered");
        info.IsCan.Should().BeTrue("the answer came in CAN frames");
    }

    [Fact]
    public void Broken_link_is_reported_as_disconnected()
    {
        var adapter = new ScriptedAdapter(_clock) { Broken = true };

        Elm327Info info = Run(adapter);

        info.Status.Should().Be(Elm327InitStatus.Disconnected);
        info.FailureReason.Should().Contain("broke");
    }

    [Theory]
    [InlineData("12.6V", 12600)]
    [InlineData("12.56 V", 12560)]
    [InlineData("0.0V", 0)]
    [InlineData("13V", 13000)]
    [InlineData("?", -1)]
    [InlineData("", -1)]
    [InlineData("1234.5V", -1)]
    public void Battery_voltage_text_to_millivolts(string text, int expected)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Elm327Battery.ParseMillivolts(bytes, 0, bytes.Length).Should().Be(expected);
    }

    [Fact]
    public void Protocol_table_covers_1_to_c()
    {
        Elm327Protocols.NameOf(1).Should().Be("SAE J1850 PWM (41.6 kbaud)");
        Elm327Protocols.NameOf(0xC).Should().StartWith("USER2 CAN");
        Elm327Protocols.NameOf(0xD).Should().Be("Unknown");
        Elm327Protocols.IsCan(5).Should().BeFalse();
        Elm327Protocols.IsCan(8).Should().BeTrue();
        Elm327Protocols.Is29Bit(9).Should().BeTrue();
        Elm327ProtocolSearch.Protocols.Should().HaveSameCount(Elm327ProtocolSearch.TimeoutsMs);
    }
}
