namespace RydBox.Box.Host.Run;

/// <summary>Everything `rydbox-box run` was told, checked and with defaults filled in.</summary>
public sealed record RunOptions(
    string? Elm,
    int? ElmBaudRate,
    string? Gnss,
    int GnssBaudRate,
    Uri Broker,
    string DeviceId,
    string Secret,
    string OutboxDirectory)
{
    public const string SecretVariable = "RYDBOX_DEVICE_SECRET";
    public const int DefaultGnssBaudRate = 9600;

    public string? CaCertificateFile { get; init; }

    public bool UseMqtt5 { get; init; }

    public int? OutboxCapacityBytes { get; init; }

    /// <summary>Seconds between status lines when the output is not a terminal.</summary>
    public int StatusEverySeconds { get; init; } = 10;

    public static string DefaultOutboxDirectory(string deviceId)
    {
        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(state, "rydbox", deviceId);
    }

    /// <summary>Parses mqtt://host[:port] or mqtts://host[:port]; a clear message otherwise.</summary>
    public static Uri ParseBroker(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || uri.Host.Length == 0)
        {
            throw new FormatException($"'{text}' is not a broker address: use mqtt://host:port, or mqtts://host:port for TLS");
        }

        return uri;
    }
}
