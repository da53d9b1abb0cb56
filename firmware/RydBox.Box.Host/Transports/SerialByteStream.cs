using System.IO.Ports;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Transports;

/// <summary>
/// A UART, USB-serial or Bluetooth SPP adapter (/dev/ttyUSB0, /dev/rfcomm0, /dev/pts/N) through
/// System.IO.Ports. Any path is accepted: SerialPort.GetPortNames does not list pseudo-terminals.
/// </summary>
public sealed class SerialByteStream : IByteStream, IBaudRateControl, IDisposable
{
    private readonly SerialPort _port;

    public SerialByteStream(string path, int baudRate)
    {
        _port = new SerialPort(path, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 1,
            WriteTimeout = 2000,
        };

        try
        {
            _port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _port.Dispose();
            string reason = File.Exists(path) ? e.Message : "no such device";
            throw new AdapterUnreachableException($"cannot open serial port {path}: {reason}", SerialHint(path, e), e);
        }
    }

    public string Path => _port.PortName;

    public int BaudRate
    {
        get => _port.BaudRate;
        set
        {
            _port.BaudRate = value;
            _port.DiscardInBuffer();
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        try
        {
            _port.ReadTimeout = Math.Max(1, timeoutMilliseconds);
            return _port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or UnauthorizedAccessException)
        {
            throw new IOException($"serial port {Path} closed: {e.Message}", e);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _port.Write(buffer, offset, count);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            throw new IOException($"serial port {Path} write failed: {e.Message}", e);
        }
    }

    public void Dispose() => _port.Dispose();

    // .NET reports a missing device as "access denied" too, so existence is checked first.
    private static string SerialHint(string path, Exception e) => e switch
    {
        _ when !File.Exists(path) => $"{path} does not exist: is the adapter plugged in? USB adapters appear as /dev/ttyUSB* or /dev/ttyACM*, Bluetooth ones as /dev/rfcomm* after 'rfcomm bind'",
        UnauthorizedAccessException => $"add yourself to the 'dialout' group (sudo usermod -aG dialout $USER, then log in again) or check the permissions of {path}",
        _ => "is another program (a previous probe, an OBD app, ModemManager) holding the port?",
    };
}
