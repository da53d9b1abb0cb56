using Microsoft.Extensions.Logging;
using RydBox.Simulator.Terminals;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// The emulator as a USB or Bluetooth serial adapter: one adapter on a pseudo-terminal, opened by
/// clients one after another at <see cref="Path"/>. Like a real adapter left plugged in, it keeps
/// its settings from one client to the next. Runs until disposed.
/// </summary>
public sealed class Elm327PtyServer : IDisposable
{
    /// <summary>How often it looks whether a client has opened the terminal.</summary>
    private const int OpenPollMs = 50;

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly PseudoTerminal _terminal = new();
    private readonly Elm327Interpreter _adapter;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public Elm327PtyServer(Elm327Emulator emulator, ILogger logger)
    {
        _adapter = emulator.NewAdapter();
        _log = logger;
        _thread = new Thread(Serve) { IsBackground = true, Name = $"ELM327 emulator {Path}" };
        _thread.Start();
    }

    /// <summary>The device a client opens: /dev/pts/N.</summary>
    public string Path => _terminal.SlavePath;

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(StopWait);
        _adapter.Dispose();
        _terminal.Dispose();
        _stop.Dispose();
    }

    private void Serve()
    {
        var session = new Elm327Session(_adapter);
        var stream = new PseudoTerminalByteStream(_terminal);
        while (!_stop.IsCancellationRequested)
        {
            if (!_terminal.IsPeerOpen)
            {
                Thread.Sleep(OpenPollMs);
                continue;
            }

            _log.LogInformation("Client opened {Path}", Path);
            try
            {
                session.Serve(stream, _stop.Token);
            }
            catch (IOException)
            {
                _log.LogInformation("Client closed {Path}", Path);
            }
            catch (Exception e)
            {
                _log.LogError(e, "The session on {Path} failed", Path);
            }
        }
    }
}
