using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace RydBox.Testing.Brokers;

/// <summary>
/// MQTTnet's broker in the test process, on 127.0.0.1 and a free port, accepting only the given
/// accounts. Retained messages outlive a <see cref="Stop"/>/<see cref="Start"/> as they would on a
/// broker with persistence; sessions live as long as the broker runs.
/// </summary>
public sealed class EmbeddedBroker : ITestBroker
{
    private readonly Dictionary<string, string> _passwords;
    private readonly BrokerAccount _observer = new("observer", Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Pick();
    private readonly X509Certificate2? _tlsCertificate;
    private readonly int _tlsPort;
    private readonly object _retainedLock = new();
    private List<MqttApplicationMessage> _retained = [];
    private MqttServer? _server;
    private int _refusedConnections;

    public EmbeddedBroker(params BrokerAccount[] accounts)
        : this(null, accounts)
    {
    }

    private EmbeddedBroker(X509Certificate2? tlsCertificate, BrokerAccount[] accounts)
    {
        _passwords = accounts.Append(_observer).ToDictionary(a => a.UserName, a => a.Password);
        _tlsCertificate = tlsCertificate;
        _tlsPort = tlsCertificate is null ? 0 : FreePort.Pick();
        Start();
    }

    /// <summary>mqtts://127.0.0.1:port, present when the broker was made <see cref="WithTls"/>.</summary>
    public Uri? TlsAddress => _tlsCertificate is null ? null : new($"mqtts://127.0.0.1:{_tlsPort}");

    /// <summary>
    /// A broker that also listens with TLS, presenting <paramref name="certificate"/> (with its private
    /// key); the plain endpoint stays for observers.
    /// </summary>
    public static EmbeddedBroker WithTls(X509Certificate2 certificate, params BrokerAccount[] accounts) => new(certificate, accounts);

    public string Name => "embedded MQTTnet";

    public Uri Address => new($"mqtt://127.0.0.1:{_port}");

    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>Connections refused for a wrong user name or password.</summary>
    public int RefusedConnections => Volatile.Read(ref _refusedConnections);

    public void Start()
    {
        if (_server is not null)
        {
            return;
        }

        MqttServerOptionsBuilder builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(_port)
            .WithDefaultEndpointReuseAddress()
            .WithPersistentSessions(true);
        if (_tlsCertificate is not null)
        {
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointPort(_tlsPort)
                .WithEncryptionCertificate(_tlsCertificate);
        }

        MqttServerOptions options = builder.Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        server.ValidatingConnectionAsync += CheckPassword;
        server.LoadingRetainedMessageAsync += e =>
        {
            lock (_retainedLock)
            {
                e.LoadedRetainedMessages = _retained.ToList();
            }

            return Task.CompletedTask;
        };
        server.RetainedMessageChangedAsync += e =>
        {
            lock (_retainedLock)
            {
                _retained = e.StoredRetainedMessages.ToList();
            }

            return Task.CompletedTask;
        };
        server.StartAsync().GetAwaiter().GetResult();
        _server = server;
    }

    public void Stop()
    {
        MqttServer? server = _server;
        _server = null;
        if (server is not null)
        {
            server.StopAsync().GetAwaiter().GetResult();
            server.Dispose();
        }
    }

    public TestMqttClient Observe(string topicFilter) => new(Address, _observer, topicFilter);

    public void Dispose() => Stop();

    public override string ToString() => Name;

    private Task CheckPassword(ValidatingConnectionEventArgs e)
    {
        if (e.UserName is null || !_passwords.TryGetValue(e.UserName, out string? password) || password != e.Password)
        {
            Interlocked.Increment(ref _refusedConnections);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }

        return Task.CompletedTask;
    }
}
