using System.Text;
using RydBox.Simulator.Elm327;
using RydBox.Simulator.Tests.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>What the emulated adapter prints, command by command, as a genuine ELM327 v1.5 on CAN 11/500 does.</summary>
public sealed class ConversationTests
{
    private const string EngineSupported = "41 00 98 3B 80 11";
    private const string TransmissionSupported = "41 00 80 08 00 11";

    [Fact]
    public void Reset_prints_the_identity_and_brings_back_the_defaults()
    {
        using Elm327Interpreter elm = new EmulatorBench(TestVehicle.Idling).Emulator.NewAdapter();

        Run(elm, "ATE0").Should().Be("ATE0\rOK\r\r>", "the echo comes before the setting takes effect");
        Run(elm, "ATH1").Should().Be("OK\r\r>");
        Run(elm, "ATZ").Should().Be("\r\rELM327 v1.5\r\r>");
        Run(elm, "ATI").Should().Be("ATI\rELM327 v1.5\r\r>", "echo is on again after a reset");
        Run(elm, "AT@1").Should().Be("AT@1\rOBDII to RS232 Interpreter\r\r>");
        Run(elm, "ATDP").Should().Be("ATDP\rAUTO\r\r>");
        Run(elm, "ATDPN").Should().Be("ATDPN\rA0\r\r>");
        Run(elm, "ATIGN").Should().Be("ATIGN\rON\r\r>");
        Run(elm, "at rv").Should().Be("at rv\r14.1V\r\r>", "case and spaces do not matter");
    }

    [Fact]
    public void The_automatic_search_finds_CAN_11_500_once()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP0");

        Run(elm, "0100").Should().Be($"SEARCHING...\r{EngineSupported}\r{TransmissionSupported}\r\r>");
        Run(elm, "ATDPN").Should().Be("A6\r\r>");
        Run(elm, "ATDP").Should().Be("AUTO, ISO 15765-4 (CAN 11/500)\r\r>");
        Run(elm, "0100").Should().Be($"{EngineSupported}\r{TransmissionSupported}\r\r>");
    }

    [Fact]
    public void An_explicit_protocol_neither_searches_nor_says_AUTO()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");

        Run(elm, "010C").Should().Be("41 0C 0C B2\r\r>");
        Run(elm, "ATDP").Should().Be("ISO 15765-4 (CAN 11/500)\r\r>");
        Run(elm, "ATDPN").Should().Be("6\r\r>");
    }

    [Fact]
    public void Without_headers_a_long_answer_prints_its_length_then_numbered_lines()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");
        string vin = Hex(Encoding.ASCII.GetBytes(EcuBench.Identity.Vin));

        Run(elm, "0902").Should().Be($"014\r0: 49 02 01 {vin[..8]}\r1: {vin[9..29]}\r2: {vin[30..]}\r\r>");
        Run(elm, "ATS0").Should().Be("OK\r\r>");
        Run(elm, "0902").Should().Be($"014\r0:490201{Bare(vin[..8])}\r1:{Bare(vin[9..29])}\r2:{Bare(vin[30..])}\r\r>");
    }

    [Fact]
    public void With_headers_every_frame_shows_its_id_and_PCI_bytes()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Driving, "ATSP6", "ATH1");

        Run(elm, "010D").Should().Be("7E8 03 41 0D 2F\r7E9 03 41 0D 2F\r\r>");
        Run(elm, "ATD1").Should().Be("OK\r\r>");
        Run(elm, "010D").Should().Be("7E8 8 03 41 0D 2F\r7E9 8 03 41 0D 2F\r\r>");
        Run(elm, "ATS0").Should().Be("OK\r\r>");
        Run(elm, "ATD0").Should().Be("OK\r\r>");
        Run(elm, "010D").Should().Be("7E803410D2F\r7E903410D2F\r\r>");
    }

    [Fact]
    public void The_last_consecutive_frame_is_cut_to_the_message_length()
    {
        var bench = new EmulatorBench(TestVehicle.Idling);
        string[] codes = ["P0301", "P0302", "P0303", "P0304", "P0420", "P0171", "P0128", "P0442", "P0455", "P0505"];
        foreach (string code in codes)
        {
            bench.Ecus.Engine.Dtcs.SetStored(code);
        }

        using Elm327Interpreter elm = Prepared(bench, "ATSP6", "ATH1");
        string payload = "43 0A 03 01 03 02 03 03 03 04 04 20 01 71 01 28 04 42 04 55 05 05";

        Run(elm, "03").Should().Be(
            $"7E8 10 16 {payload[..17]}\r7E9 02 43 00\r7E8 21 {payload[18..38]}\r7E8 22 {payload[39..59]}\r7E8 23 {payload[60..]}\r\r>");
    }

    [Fact]
    public void Without_auto_formatting_frames_print_as_received_and_requests_carry_their_own_PCI()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6", "ATH1", "ATCAF0");

        Run(elm, "02010D").Should().Be("7E8 03 41 0D 00 AA AA AA AA\r7E9 03 41 0D 00 AA AA AA AA\r\r>");
    }

    [Fact]
    public void A_response_count_ends_the_wait_after_that_many_frames()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");

        Run(elm, "010D1").Should().Be("41 0D 00\r\r>");
        Run(elm, "010D 2").Should().Be("41 0D 00\r41 0D 00\r\r>");
    }

    [Fact]
    public void A_header_addresses_one_ECU_and_a_receive_filter_hears_one()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");

        Run(elm, "ATSH 7E1").Should().Be("OK\r\r>");
        Run(elm, "0100").Should().Be($"{TransmissionSupported}\r\r>");
        Run(elm, "010C").Should().Be("7F 01 31\r\r>", "a physical request for a PID it lacks is refused");
        Run(elm, "ATSH7DF").Should().Be("OK\r\r>");
        Run(elm, "ATCRA 7E9").Should().Be("OK\r\r>");
        Run(elm, "0100").Should().Be($"{TransmissionSupported}\r\r>");
        Run(elm, "ATCRA7EX").Should().Be("OK\r\r>");
        Run(elm, "0100").Should().Be($"{EngineSupported}\r{TransmissionSupported}\r\r>");
        Run(elm, "ATCRA7E9").Should().Be("OK\r\r>");
        Run(elm, "ATAR").Should().Be("OK\r\r>");
        Run(elm, "0100").Should().Be($"{EngineSupported}\r{TransmissionSupported}\r\r>");
    }

    [Fact]
    public void With_the_ignition_off_the_search_fails_and_the_bus_stays_silent()
    {
        var bench = new EmulatorBench(TestVehicle.Parked);
        using Elm327Interpreter elm = Prepared(bench);

        Run(elm, "0100").Should().Be("SEARCHING...\rUNABLE TO CONNECT\r\r>");
        Run(elm, "ATRV").Should().Be("12.6V\r\r>");
        Run(elm, "ATIGN").Should().Be("OFF\r\r>");
        Run(elm, "ATSP6").Should().Be("OK\r\r>");
        Run(elm, "0100").Should().Be("CAN ERROR\r\r>", "asleep ECUs do not acknowledge frames");
    }

    [Fact]
    public void Losing_the_vehicle_gives_a_CAN_error_and_the_next_request_searches_again()
    {
        var bench = new EmulatorBench(TestVehicle.Idling);
        using Elm327Interpreter elm = Prepared(bench);
        Run(elm, "010D").Should().Be("SEARCHING...\r41 0D 00\r41 0D 00\r\r>");

        bench.Vehicle.State = TestVehicle.Parked;
        Run(elm, "010D").Should().Be("CAN ERROR\r\r>");

        bench.Vehicle.State = TestVehicle.Idling;
        Run(elm, "010D").Should().Be("SEARCHING...\r41 0D 00\r41 0D 00\r\r>");
    }

    [Theory]
    [InlineData("7", "NO DATA")]
    [InlineData("8", "CAN ERROR")]
    [InlineData("A", "CAN ERROR")]
    [InlineData("3", "BUS INIT: ...ERROR")]
    [InlineData("5", "BUS INIT: ...ERROR")]
    [InlineData("1", "NO DATA")]
    public void Protocols_the_vehicle_does_not_speak_fail_as_on_a_real_bus(string protocol, string failure)
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP" + protocol);

        Run(elm, "0100").Should().Be(failure + "\r\r>");
    }

    [Fact]
    public void Slow_initialisation_is_only_for_K_line_protocols()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");

        Run(elm, "ATSI").Should().Be("?\r\r>");
        Run(elm, "ATSP4").Should().Be("OK\r\r>");
        Run(elm, "ATSI").Should().Be("BUS INIT: ...ERROR\r\r>");
    }

    [Fact]
    public void A_character_arriving_during_a_request_stops_it()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling);

        elm.Execute("0100", () => true).Should().Be("SEARCHING...\rSTOPPED\r\r>");
        Run(elm, "ATSP6").Should().Be("OK\r\r>");
        elm.Execute("0100", () => true).Should().Be("STOPPED\r\r>");
    }

    [Theory]
    [InlineData("ATXYZ")]
    [InlineData("01 0G")]
    [InlineData("01000")]
    [InlineData("0102030405060708")]
    [InlineData("AT SP D")]
    [InlineData("\u007f\u007f")]
    [InlineData("AT@2")]
    public void What_the_chip_does_not_understand_gets_a_question_mark(string line)
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");

        Run(elm, line).Should().Be("?\r\r>");
    }

    [Fact]
    public void A_command_line_longer_than_the_buffer_is_not_understood()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Idling, "ATSP6");

        Run(elm, "AT" + new string(' ', 200) + "I").Should().Be("?\r\r>");
    }

    [Fact]
    public void A_bare_carriage_return_repeats_the_last_command()
    {
        using Elm327Interpreter elm = Adapter(TestVehicle.Driving, "ATSP6");

        Run(elm, "010D").Should().Be("41 0D 2F\r41 0D 2F\r\r>");
        Run(elm, "").Should().Be("41 0D 2F\r41 0D 2F\r\r>");
    }

    [Fact]
    public void Linefeeds_follow_every_carriage_return_when_on()
    {
        using Elm327Interpreter elm = new EmulatorBench(TestVehicle.Idling).Emulator.NewAdapter();

        Run(elm, "ATL1").Should().Be("ATL1\rOK\r\n\r\n>");
        Run(elm, "ATI").Should().Be("ATI\r\nELM327 v1.5\r\n\r\n>");
    }

    [Fact]
    public void The_reported_version_is_configurable()
    {
        using Elm327Interpreter elm = new EmulatorBench(TestVehicle.Idling, EmulatorBench.QuickSearch with { Version = "v2.1" }).Emulator.NewAdapter();

        Run(elm, "ATZ").Should().Be("ATZ\r\r\rELM327 v2.1\r\r>");
    }

    [Fact]
    public void Garbage_never_breaks_the_adapter()
    {
        var random = new Random(42);
        const string alphabet = "ATSPHDECRLIV0123456789ABCDEFX@ ?:.\u007f\u00ff";
        foreach (VehicleState state in new[] { TestVehicle.Parked, TestVehicle.Idling })
        {
            using Elm327Interpreter elm = new EmulatorBench(state, EmulatorBench.QuickSearch with { SearchFailsAfterMs = 0 }).Emulator.NewAdapter();
            int lines = state.IgnitionOn ? 100 : 2000;
            for (int i = 0; i < lines; i++)
            {
                string line = new(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                elm.Execute(line, () => random.Next(20) == 0).Should().EndWith(">", $"the answer to '{line}'");
            }

            Run(elm, "ATZ").Should().EndWith("ELM327 v1.5\r\r>");
            Run(elm, "ATE0").Should().Be("ATE0\rOK\r\r>");
        }
    }

    private static Elm327Interpreter Adapter(VehicleState state, params string[] setup) => Prepared(new EmulatorBench(state), setup);

    /// <summary>A new adapter with echo off and the given settings, each acknowledged with OK.</summary>
    private static Elm327Interpreter Prepared(EmulatorBench bench, params string[] setup)
    {
        Elm327Interpreter elm = bench.Emulator.NewAdapter();
        Run(elm, "ATE0").Should().Be("ATE0\rOK\r\r>");
        foreach (string command in setup)
        {
            Run(elm, command).Should().Be("OK\r\r>", command);
        }

        return elm;
    }

    private static string Run(Elm327Interpreter elm, string line) => elm.Execute(line, () => false);

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static string Bare(string spaced) => spaced.Replace(" ", "", StringComparison.Ordinal);
}
