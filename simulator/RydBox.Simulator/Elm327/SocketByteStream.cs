using System.Net.Sockets;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Elm327;

/// <summary>An accepted TCP client as the byte stream a session serves.</summary>
internal sealed class SocketByteStream(Socket socket) : IByteStream
{
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        try
        {
            if (!socket.Poll(TimeSpan.FromMilliseconds(Math.Max(0, timeoutMilliseconds)), SelectMode.SelectRead))
            {
                return 0;
            }

            int received = socket.Receive(buffer, offset, count, SocketFlags.None);
            return received > 0 ? received : throw new IOException("the client closed the connection");
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new IOException($"connection lost: {e.Message}", e);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            socket.Send(buffer, offset, count, SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new IOException($"connection lost: {e.Message}", e);
        }
    }
}
