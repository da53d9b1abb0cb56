using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>A client that talks to the emulator byte by byte, the way a third-party OBD library does.</summary>
public sealed class RawClient : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly StringBuilder _received = new();

    public RawClient(IPEndPoint server)
    {
        _socket.Connect(server);
    }

    /// <summary>Sends <paramref name="command"/> and a CR, and returns everything up to and including the prompt.</summary>
    public string Send(string command)
    {
        Write(command + "\r");
        return ReadUntilPrompt();
    }

    public void Write(string text) => _socket.Send(Encoding.Latin1.GetBytes(text));

    public void Write(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Everything received up to the first prompt, which is taken from the buffer with it.</summary>
    public string ReadUntilPrompt() => ReadThrough(">");

    /// <summary>Everything received up to the first <paramref name="text"/>, which is taken from the buffer with it.</summary>
    public string ReadThrough(string text)
    {
        var deadline = DateTime.UtcNow + ReplyTimeout;
        var buffer = new byte[1024];
        while (true)
        {
            int found = _received.ToString().IndexOf(text, StringComparison.Ordinal);
            if (found >= 0)
            {
                string reply = _received.ToString(0, found + text.Length);
                _received.Remove(0, found + text.Length);
                return reply;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_socket.Poll(left, SelectMode.SelectRead))
            {
                throw new TimeoutException($"no {text}; received so far: {_received}");
            }

            int count = _socket.Receive(buffer);
            if (count == 0)
            {
                throw new IOException($"the emulator closed the connection; received: {_received}");
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, count));
        }
    }

    public void Dispose() => _socket.Dispose();
}
