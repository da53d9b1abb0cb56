using System.Globalization;
using System.Net;

namespace RydBox.Simulator.Cli;

/// <summary>Reads tcp://host:port, host being an IP address, localhost, or * for every interface.</summary>
internal static class ListenAddress
{
    private const string Scheme = "tcp://";

    public static IPEndPoint Parse(string text)
    {
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}' is not tcp://host:port (e.g. tcp://127.0.0.1:35000)");
        }

        string rest = text[Scheme.Length..].TrimEnd('/');
        int colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > IPEndPoint.MaxPort)
        {
            throw new FormatException($"'{text}' needs a port from 0 to 65535 (0 picks a free one): tcp://host:port");
        }

        string host = rest[..colon].Trim('[', ']');
        IPAddress address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            _ when IPAddress.TryParse(host, out IPAddress? parsed) => parsed,
            _ => throw new FormatException($"'{host}' is not an IP address, localhost or *"),
        };
        return new IPEndPoint(address, port);
    }
}
