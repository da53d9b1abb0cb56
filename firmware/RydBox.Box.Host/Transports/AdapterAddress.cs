using System.Globalization;

namespace RydBox.Box.Host.Transports;

/// <summary>Where an adapter is: a serial device path, or tcp://host:port.</summary>
public sealed record AdapterAddress(string? SerialPath, string? Host, int Port)
{
    public const int DefaultWifiPort = 35000;

    public bool IsTcp => Host is not null;

    public override string ToString() => IsTcp ? $"tcp://{Host}:{Port}" : SerialPath!;

    /// <summary>Parses "/dev/ttyUSB0", "COM3", "tcp://192.168.0.10:35000" or "tcp://host" (port 35000).</summary>
    public static AdapterAddress Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("the adapter address is empty: give a serial device such as /dev/ttyUSB0 or tcp://192.168.0.10:35000");
        }

        if (!text.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            if (text.Contains("://", StringComparison.Ordinal))
            {
                throw new FormatException($"'{text}': only serial paths and tcp://host:port addresses are supported");
            }

            return new AdapterAddress(text, null, 0);
        }

        string rest = text["tcp://".Length..].TrimEnd('/');
        int colon = rest.LastIndexOf(':');
        bool bracketedIpv6 = rest.StartsWith('[') && rest.EndsWith(']');
        if (colon < 0 || bracketedIpv6)
        {
            return rest.Length == 0
                ? throw new FormatException($"'{text}' names no host")
                : new AdapterAddress(null, rest.Trim('[', ']'), DefaultWifiPort);
        }

        string host = rest[..colon].Trim('[', ']');
        if (host.Length == 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not tcp://host:port with a port from 1 to 65535");
        }

        return new AdapterAddress(null, host, port);
    }
}
