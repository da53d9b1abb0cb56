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

    /// <summary>Waits until something accepts connections on the port.</summary>
    public static bool WaitUntilListening(int port, TimeSpan timeout, Func<bool> keepTrying)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && keepTrying())
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        return false;
    }
}
