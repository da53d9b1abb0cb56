using System.Net;
using System.Net.Sockets;

namespace RydBox.Testing.Brokers;

/// <summary>Loopback ports for servers a test starts.</summary>
public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the kernel's pick).</summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Whether something accepts connections on the port right now.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
