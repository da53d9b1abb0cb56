using System.Text;
using RydBox.Firmware.Session;

namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>Acknowledges every command with "ack:" + the command, and remembers what it handled.</summary>
public sealed class EchoCommandHandler : ICommandHandler
{
    private readonly List<string> _handled = [];

    public IReadOnlyList<string> Handled
    {
        get
        {
            lock (_handled)
            {
                return _handled.ToList();
            }
        }
    }

    public int Handle(byte[] command, int length, byte[] ack)
    {
        string text = Encoding.ASCII.GetString(command, 0, length);
        lock (_handled)
        {
            _handled.Add(text);
        }

        return Encoding.ASCII.GetBytes("ack:" + text, ack);
    }
}
