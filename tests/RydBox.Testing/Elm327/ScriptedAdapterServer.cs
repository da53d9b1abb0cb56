using RydBox.Simulator.Terminals;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RydBox.Testing.Elm327;

/// <summary>
/// Serves a <see cref="ScriptedElm327"/> the way a real adapter is reached: on a pseudo-terminal
/// (a USB/Bluetooth serial adapter) or on a TCP port (a Wi-Fi adapter).
/// </summary>
public sealed class ScriptedAdapterServer : IDisposable
{
    private static readonly byte[] LineNoise = [0xF8, 0x00, 0x9E, 0xE0, 0x1C, 0xFE];

    private readonly ScriptedElm327 _adapter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly PseudoTerminal? _pty;
    private readonly TcpListener? _listener;
    private readonly int _baudRate;

    private ScriptedAdapterServer(ScriptedElm327 adapter, PseudoTerminal? pty, TcpListener? listener, int baudRate)
    {
        _adapter = adapter;
        _pty = pty;
        _listener = listener;
        _baudRate = baudRate;
        Address = pty is not null ? pty.SlavePath : $"tcp://127.0.0.1:{((IPEndPoint)listener!.LocalEndpoint).Port}";
        _thread = new Thread(pty is not null ? ServePseudoTerminal : ServeTcp) { IsBackground = true, Name = "scripted ELM327" };
        _thread.Start();
    }

    /// <summary>The serial path or tcp:// address to give the probe.</summary>
    public string Address { get; }

    /// <summary>An adapter on a pseudo-terminal that understands only <paramref name="baudRate"/>.</summary>
    public static ScriptedAdapterServer OnPseudoTerminal(ScriptedElm327 adapter, int baudRate = 38400) =>
        new(adapter, new PseudoTerminal(), null, baudRate);

    public static ScriptedAdapterServer OnTcp(ScriptedElm327 adapter)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ScriptedAdapterServer(adapter, null, listener, 0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        _thread.Join(TimeSpan.FromSeconds(5));
        _pty?.Dispose();
        _stop.Dispose();
    }

    private void ServePseudoTerminal()
    {
        var line = new StringBuilder();
        var buffer = new byte[256];
        while (!_stop.IsCancellationRequested)
        {
            int n = _pty!.Read(buffer, 50);
            if (n == 0)
            {
                continue;
            }

            if (_pty.SlaveBaudRate != _baudRate)
            {
                _pty.Write(LineNoise); // what a UART at the wrong bit rate delivers
                continue;
            }

            foreach (string reply in Feed(line, buffer.AsSpan(0, n)))
            {
                _pty.Write(Encoding.ASCII.GetBytes(reply));
            }
        }
    }

    private void ServeTcp()
    {
        var buffer = new byte[256];
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener!.AcceptSocket();
            }
            catch (SocketException)
            {
                return; // stopped
            }

            using (client)
            {
                var line = new StringBuilder();
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        if (!client.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead))
                        {
                            continue;
                        }

                        int n = client.Receive(buffer);
                        if (n == 0)
                        {
                            break;
                        }

                        foreach (string reply in Feed(line, buffer.AsSpan(0, n)))
                        {
                            client.Send(Encoding.ASCII.GetBytes(reply));
                        }
                    }
                }
                catch (SocketException)
                {
                    // the client went away; wait for the next one
                }
            }
        }
    }

    private List<string> Feed(StringBuilder line, ReadOnlySpan<byte> received)
    {
        var replies = new List<string>();
        foreach (byte b in received)
        {
            if (b == '\r')
            {
                var (text, delay) = _adapter.Respond(line.ToString());
                if (delay > TimeSpan.Zero)
                {
                    Thread.Sleep(delay);
                }

                replies.Add(text);
                line.Clear();
            }
            else if (b is >= 0x20 and < 0x7F)
            {
                line.Append((char)b);
            }
        }

        return replies;
    }
}
