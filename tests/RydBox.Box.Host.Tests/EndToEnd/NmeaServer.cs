using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>A GNSS receiver on TCP (as gpsd or a phone app serves one): RMC and GGA twice a second at a fixed place.</summary>
public sealed class NmeaServer : IDisposable
{
    public const double Latitude = 48.7758;
    public const double Longitude = 9.1829;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public NmeaServer()
    {
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Address => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    /// <summary>Appends the *hh checksum NMEA requires.</summary>
    public static string Sentence(string body)
    {
        byte checksum = 0;
        foreach (char c in body)
        {
            checksum ^= (byte)c;
        }

        return $"${body}*{checksum:X2}\r\n";
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => FeedAsync(client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task FeedAsync(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                DateTime now = DateTime.UtcNow;
                string time = now.ToString("HHmmss.ff", CultureInfo.InvariantCulture);
                string date = now.ToString("ddMMyy", CultureInfo.InvariantCulture);
                string lat = "4846.548", lon = "00910.974";
                string text = Sentence($"GPRMC,{time},A,{lat},N,{lon},E,0.0,0.0,{date},,,A")
                    + Sentence($"GPGGA,{time},{lat},N,{lon},E,1,09,0.9,245.0,M,48.0,M,,");
                try
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);
                    await Task.Delay(500, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
                {
                    return;
                }
            }
        }
    }
}
