namespace RydBox.Box.Host.Mqtt;

/// <summary>Where and how the Linux box reaches its broker; what to say when connecting comes from the session.</summary>
public sealed class MqttLinkOptions
{
    public const int PlainPort = 1883;
    public const int TlsPort = 8883;

    /// <summary>mqtt://host[:1883] or mqtts://host[:8883].</summary>
    public MqttLinkOptions(Uri broker)
    {
        bool tls = broker.Scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => throw new ArgumentException($"broker address must start with mqtt:// or mqtts://, not {broker.Scheme}://", nameof(broker)),
        };
        if (string.IsNullOrEmpty(broker.Host))
        {
            throw new ArgumentException("broker address has no host name", nameof(broker));
        }

        Host = broker.IdnHost;
        Port = broker.IsDefaultPort || broker.Port < 0 ? (tls ? TlsPort : PlainPort) : broker.Port;
        UseTls = tls;
    }

    public MqttLinkOptions(string broker)
        : this(new Uri(broker))
    {
    }

    public string Host { get; }

    public int Port { get; }

    public bool UseTls { get; }

    /// <summary>
    /// PEM or DER file of the certificate authority that signed the broker's certificate, for a broker
    /// with a private CA. Null: the system's trusted roots decide.
    /// </summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>MQTT 5 instead of 3.1.1.</summary>
    public bool UseMqtt5 { get; init; }

    /// <summary>MQTT 5 only: how long the broker keeps the box's session (queued commands) while it is offline.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Longest wait for the broker's answer to connect, publish, subscribe or disconnect.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delivered messages held until the session takes them; beyond it they are left unacknowledged for redelivery.</summary>
    public int MaxQueuedMessages { get; init; } = 64;
}
