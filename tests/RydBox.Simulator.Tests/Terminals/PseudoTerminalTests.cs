using System.Text;
using RydBox.Box.Host.Transports;
using RydBox.Simulator.Terminals;

namespace RydBox.Simulator.Tests.Terminals;

public sealed class PseudoTerminalTests
{
    [Fact]
    public void It_knows_whether_a_client_has_the_device_open()
    {
        using var terminal = new PseudoTerminal();

        terminal.IsPeerOpen.Should().BeFalse("nobody opened it yet");
        using (new SerialByteStream(terminal.SlavePath, 38400))
        {
            terminal.IsPeerOpen.Should().BeTrue();
        }

        terminal.IsPeerOpen.Should().BeFalse("the client closed it");
    }

    [Fact]
    public void As_a_byte_stream_it_carries_bytes_both_ways_and_breaks_when_the_client_leaves()
    {
        using var terminal = new PseudoTerminal();
        var stream = new PseudoTerminalByteStream(terminal);
        var buffer = new byte[64];

        using (var client = new SerialByteStream(terminal.SlavePath, 38400))
        {
            client.Write("ATI\r"u8.ToArray(), 0, 4);
            ReadText(stream, buffer, 4).Should().Be("ATI\r");

            stream.Write("OK\r>"u8.ToArray(), 0, 4);
            ReadText(client, buffer, 4).Should().Be("OK\r>");
        }

        FluentActions.Invoking(() => stream.Read(buffer, 0, buffer.Length, 10)).Should().Throw<IOException>();
    }

    private static string ReadText(RydBox.Firmware.Hardware.IByteStream stream, byte[] buffer, int expected)
    {
        var text = new StringBuilder();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (text.Length < expected && DateTime.UtcNow < deadline)
        {
            int count = stream.Read(buffer, 0, buffer.Length, 100);
            text.Append(Encoding.ASCII.GetString(buffer, 0, count));
        }

        return text.ToString();
    }
}
