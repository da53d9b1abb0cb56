using System.Net.Sockets;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Transports;

/// <summary>A Wi-Fi ELM327 (usually 192.168.0.10:35000) or any adapter reachable over TCP.</summary>
public sealed class TcpByteStream : IByteStream, IDisposable
{
    private readonly Socket _socket;

    public TcpByteStream(string host, int port, TimeSpan connectTimeout)
    {
        Endpoint = $"{host}:{port}";
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(connectTimeout);
            _socket.ConnectAsync(host, port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            _socket.Dispose();
            string reason = e is OperationCanceledException ? $"no answer within {connectTimeout.TotalSeconds:0} s" : e.Message;
            throw new AdapterUnreachableException(
                $"cannot connect to {Endpoint}: {reason}",
                "is this computer on the adapter's Wi-Fi network, and are the address and port right? Wi-Fi ELM327 adapters usually listen on 192.168.0.10:35000",
                e);
        }
    }

    public string Endpoint { get; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        try
        {
            if (!_socket.Poll(TimeSpan.FromMilliseconds(Math.Max(0, timeoutMilliseconds)), SelectMode.SelectRead))
            {
                return 0;
            }

            int received = _socket.Receive(buffer, offset, count, SocketFlags.None);
            if (received == 0)
            {
                throw new IOException($"the adapter at {Endpoint} closed the connection");
            }

            return received;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new IOException($"connection to {Endpoint} lost: {e.Message}", e);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _socket.Send(buffer, offset, count, SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new IOException($"connection to {Endpoint} lost: {e.Message}", e);
        }
    }

    public void Dispose() => _socket.Dispose();
}
