using System.Text;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Elm327;

public class Elm327LinkTests
{
    private readonly ManualClock _clock = new();
    private readonly ScriptedAdapter _adapter;
    private readonly Elm327Link _link;

    public Elm327LinkTests()
    {
        _adapter = new ScriptedAdapter(_clock);
        _link = new Elm327Link(_adapter, _clock);
    }

    private string Reply => Encoding.ASCII.GetString(_link.Reply, 0, _link.ReplyLength);

    [Fact]
    public void Echo_and_crlf_line_ends_are_removed()
    {
        _adapter.Expect("ATI", "\rELM327 v1.5");
        _link.Execute("ATI", 1000).Should().Be(ObdStatus.Ok);
        Reply.Should().Be("ELM327 v1.5");
        _link.Echoed.Should().BeTrue();
        _link.ReplyIs("elm327v1.5").Should().BeTrue();
    }

    [Fact]
    public void Nul_bytes_and_noise_before_the_text_are_dropped()
    {
        _adapter.Echo = false;
        _adapter.Expect("ATE0", "\0\0\u00FF\u00FE\0OK");
        _link.Execute("ATE0", 1000).Should().Be(ObdStatus.Ok);
        Reply.Should().Be("OK");
        _link.NoiseBytes.Should().Be(2);
    }

    [Fact]
    public void An_echo_behind_printable_noise_is_still_an_echo()
    {
        _adapter.Echo = false;
        _adapter.Expect("ATRV", "~ATRV\r12.6V");
        _link.Execute("ATRV", 1000).Should().Be(ObdStatus.Ok);
        Reply.Should().Be("12.6V");
    }

    [Fact]
    public void Data_that_ends_like_the_command_is_not_taken_for_an_echo()
    {
        _adapter.Echo = false;
        _adapter.Linefeeds = false;
        _adapter.Expect("010C", "410C010C");
        _link.Execute("010C", 1000).Should().Be(ObdStatus.Ok);
        Reply.Should().Be("410C010C");
    }

    [Fact]
    public void Lines_are_separated_by_one_cr()
    {
        _adapter.Echo = false;
        _adapter.Expect("0100", "SEARCHING...\r\r7E8 06 41 00 BE 3F A8 13\r7E9 06 41 00 98 18 80 11");
        _link.Execute("0100", 1000).Should().Be(ObdStatus.Ok);
        Reply.Should().Be("SEARCHING...\r7E8 06 41 00 BE 3F A8 13\r7E9 06 41 00 98 18 80 11");
    }

    [Fact]
    public void A_late_answer_within_the_timeout_is_waited_for()
    {
        _adapter.Expect("ATZ", "\rELM327 v1.5", delayMs: 2400);
        _link.Execute("ATZ", 3000).Should().Be(ObdStatus.Ok);
        _clock.NowMilliseconds.Should().Be(2400);
    }

    [Fact]
    public void A_missing_prompt_is_a_timeout_at_the_deadline()
    {
        _adapter.Expect("ATI", "ELM327 v1.5", prompt: false);
        _link.Execute("ATI", 1000).Should().Be(ObdStatus.Timeout);
        _clock.NowMilliseconds.Should().Be(1000);
        Reply.Should().Be("ELM327 v1.5");
    }

    [Fact]
    public void A_stale_answer_to_a_timed_out_command_is_not_read_as_the_next_answer()
    {
        _adapter.Echo = false;
        _adapter.Expect("010C", "7E8 04 41 0C 1A F8", delayMs: 1500);
        _adapter.Expect("010D", "7E8 03 41 0D 32", delayMs: 50);
        _link.Execute("010C", 1000).Should().Be(ObdStatus.Timeout);
        _clock.Advance(1000);
        _link.Execute("010D", 1000).Should().Be(ObdStatus.Ok);
        Reply.Should().Be("7E8 03 41 0D 32");
    }

    [Fact]
    public void Overflowing_the_receive_buffer_is_garbled_and_the_link_stays_in_step()
    {
        var link = new Elm327Link(_adapter, _clock, 16);
        _adapter.Echo = false;
        _adapter.Expect("0902", "7E8 10 14 49 02 01 31 44 34\r7E8 21 47 50 30 30 52 35 35");
        _adapter.Expect("ATRV", "12.6V");
        link.Execute("0902", 1000).Should().Be(ObdStatus.Garbled);
        link.ReplyLength.Should().Be(16);
        link.Execute("ATRV", 1000).Should().Be(ObdStatus.Ok);
        link.ReplyIs("12.6V").Should().BeTrue();
    }

    [Fact]
    public void A_broken_link_is_reported_as_disconnected()
    {
        _adapter.Broken = true;
        _link.Execute("ATI", 1000).Should().Be(ObdStatus.Disconnected);
        _link.ReplyLength.Should().Be(0);
    }

    [Fact]
    public void The_command_is_sent_once_with_a_cr()
    {
        _adapter.Expect("AT@1", "OBDII to RS232 Interpreter");
        _link.Execute("AT@1", 1000);
        _adapter.Received.Should().Equal("AT@1");
        _link.ReplyEndsWithOk().Should().BeFalse();
    }
}
