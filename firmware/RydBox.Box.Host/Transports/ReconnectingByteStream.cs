using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Transports;

/// <summary>
/// A byte stream that survives its device going away (a Wi-Fi adapter rebooting, a USB adapter
/// replugged, an NMEA server restarting): while the device is gone reads time out as if it were
/// silent, and it is reopened at most once per <c>retry</c>. The firmware above it already treats
/// silence as "no adapter" or "no fix" and recovers by itself.
/// </summary>
public sealed class ReconnectingByteStream(string name, Func<IByteStream> open, TimeSpan retry, Action<string>? log = null) : IByteStream, IDisposable
{
    private readonly object _gate = new();
    private IByteStream? _inner;
    private long _nextAttempt;
    private bool _everOpened;

    public string Name => name;

    public bool IsOpen => _inner is not null;

    public int Reopens { get; private set; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        IByteStream? inner = Current();
        if (inner is null)
        {
            Thread.Sleep(Math.Clamp(timeoutMilliseconds, 0, 100));
            return 0;
        }

        try
        {
            return inner.Read(buffer, offset, count, timeoutMilliseconds);
        }
        catch (IOException e)
        {
            Lost(inner, e);
            return 0;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        IByteStream? inner = Current();
        if (inner is null)
        {
            return;
        }

        try
        {
            inner.Write(buffer, offset, count);
        }
        catch (IOException e)
        {
            Lost(inner, e);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            (_inner as IDisposable)?.Dispose();
            _inner = null;
        }
    }

    private IByteStream? Current()
    {
        lock (_gate)
        {
            if (_inner is not null || Environment.TickCount64 < _nextAttempt)
            {
                return _inner;
            }

            try
            {
                _inner = open();
                if (_everOpened)
                {
                    Reopens++;
                    log?.Invoke($"{name}: connected again");
                }

                _everOpened = true;
            }
            catch (AdapterUnreachableException e)
            {
                _nextAttempt = Environment.TickCount64 + (long)retry.TotalMilliseconds;
                log?.Invoke($"{name}: {e.Message}; trying again in {retry.TotalSeconds:0} s");
            }

            return _inner;
        }
    }

    private void Lost(IByteStream inner, IOException e)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_inner, inner))
            {
                return;
            }

            (inner as IDisposable)?.Dispose();
            _inner = null;
            _nextAttempt = Environment.TickCount64 + (long)retry.TotalMilliseconds;
        }

        log?.Invoke($"{name}: {e.Message}; trying again in {retry.TotalSeconds:0} s");
    }
}
