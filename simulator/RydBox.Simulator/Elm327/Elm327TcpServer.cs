using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// The emulator as a Wi-Fi adapter: every TCP client gets its own freshly powered adapter, several
/// at once. Runs until disposed.
/// </summary>
public sealed class Elm327TcpServer : IDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly Elm327Emulator _emulator;
    private readonly ILogger _log;
    private readonly TcpListener _listener;
    private readonly Thread _acceptor;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Thread, Socket> _clients = new();

    public Elm327TcpServer(Elm327Emulator emulator, IPEndPoint endpoint, ILogger logger)
    {
        _emulator = emulator;
        _log = logger;
        _listener = new TcpListener(endpoint);
        _listener.Start();
        LocalEndpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "ELM327 emulator accept" };
        _acceptor.Start();
    }

    /// <summary>Where it listens (the actual port when 0 was asked for).</summary>
    public IPEndPoint LocalEndpoint { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _acceptor.Join(StopWait);
        foreach (Thread client in _clients.Keys)
        {
            client.Join(StopWait);
        }

        _stop.Dispose();
    }

    private void Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // the listener was stopped
            }

            client.NoDelay = true;
            var thread = new Thread(() => Serve(client)) { IsBackground = true, Name = $"ELM327 emulator {client.RemoteEndPoint}" };
            _clients[thread] = client;
            thread.Start();
        }
    }

    private void Serve(Socket client)
    {
        string who = client.RemoteEndPoint?.ToString() ?? "unknown";
        _log.LogInformation("Client {Client} connected", who);
        try
        {
            using Elm327Interpreter adapter = _emulator.NewAdapter();
            new Elm327Session(adapter).Serve(new SocketByteStream(client), _stop.Token);
        }
        catch (IOException)
        {
            // the client went away
        }
        catch (Exception e)
        {
            _log.LogError(e, "The session of {Client} failed", who);
        }
        finally
        {
            client.Dispose();
            _clients.TryRemove(Thread.CurrentThread, out _);
            _log.LogInformation("Client {Client} disconnected", who);
        }
    }
}
