namespace RydBox.Gateway.Hosting;

/// <summary>
/// Every setting of the gateway, bound from the configuration section "RydBox" (appsettings.json,
/// environment variables such as RydBox__Broker__Port, command-line --RydBox:Broker:Port=…).
/// The defaults run a complete gateway on one machine; gateway/README.md documents each key.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "RydBox";

    /// <summary>Where the SQLite database and other state live.</summary>
    public string DataDirectory { get; set; } = "rydbox-data";

    public BrokerOptions Broker { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "rydbox.db");
}

public enum BrokerMode
{
    /// <summary>An MQTTnet broker inside the gateway; devices log in with their own credentials.</summary>
    Embedded,

    /// <summary>The gateway is a client of mosquitto, EMQX or any MQTT 3.1.1/5 broker.</summary>
    External,
}

public sealed class BrokerOptions
{
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Embedded: the address to listen on.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Embedded: plain MQTT port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Embedded: TLS port, used when <see cref="CertificateFile"/> is set.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Embedded: PFX/PKCS#12 file with the broker's certificate and key; none = no TLS.</summary>
    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>External: mqtt://host:port or mqtts://host:port.</summary>
    public string Url { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>External: the gateway's own account on the broker.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>External: client id of this gateway instance (persistent session).</summary>
    public string ClientId { get; set; } = "rydbox-gateway";

    /// <summary>External: shared subscription group, so several gateways split the load; empty = plain subscriptions.</summary>
    public string SharedGroup { get; set; } = "rydbox-gateway";
}

public enum TelemetryStoreKind
{
    Sqlite,
    Influx,
}

public sealed class StorageOptions
{
    /// <summary>Where telemetry goes; devices, events, dead letters and the message ledger are always in SQLite.</summary>
    public TelemetryStoreKind Telemetry { get; set; } = TelemetryStoreKind.Sqlite;

    public InfluxOptions Influx { get; set; } = new();
}

public enum InfluxApiVersion
{
    /// <summary>/write and InfluxQL /query: InfluxDB 1.x, including Debian's 1.6.</summary>
    V1,

    /// <summary>/api/v2/write with a token: InfluxDB 1.8+, 2.x, 3.x, Cloud.</summary>
    V2,
}

public sealed class InfluxOptions
{
    public string Url { get; set; } = "http://127.0.0.1:8086";

    public InfluxApiVersion ApiVersion { get; set; } = InfluxApiVersion.V1;

    /// <summary>V1: the database (created when missing).</summary>
    public string Database { get; set; } = "rydbox";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>V2: token, organisation and bucket.</summary>
    public string? Token { get; set; }

    public string? Organization { get; set; }

    public string Bucket { get; set; } = "rydbox";
}

public sealed class ApiOptions
{
    /// <summary>Where the HTTP API listens.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";
}

public sealed class IngestOptions
{
    /// <summary>Messages committed in one transaction at most.</summary>
    public int MaxBatchMessages { get; set; } = 512;

    /// <summary>Longest a received message waits for its batch to fill.</summary>
    public int MaxBatchDelayMilliseconds { get; set; } = 50;

    /// <summary>Larger payloads are dead letters (the wire format's own limit is 64 KiB).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Samples or events stamped further in the future than this are implausible.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Dead letters kept; the oldest are deleted beyond it.</summary>
    public int DeadLetterLimit { get; set; } = 10_000;
}
