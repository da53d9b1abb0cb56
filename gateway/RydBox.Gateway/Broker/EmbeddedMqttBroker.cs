using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using RydBox.Contract;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Ingest;

namespace RydBox.Gateway.Broker;

/// <summary>
/// The MQTT broker inside the gateway (Broker:Mode Embedded, the default): MQTTnet's server on
/// Broker:ListenAddress:Port, and with TLS on Broker:TlsPort when Broker:CertificateFile is set.
/// <para>
/// <b>Authentication.</b> A box logs in with client id = user name = its device id and its secret as
/// password, checked against <see cref="IDeviceDirectory"/>; unknown, revoked, mismatched or wrong
/// logins are refused, logged (never the password) and counted.
/// </para>
/// <para>
/// <b>ACL.</b> A box may publish only on its own telemetry, event, status and cmd/ack topics and
/// subscribe only to its own cmd topic (<see cref="TopicAcl"/>). A refused publish is answered
/// NotAuthorized (MQTT 5; MQTT 3.1.1 has no negative PUBACK), counted, and kept as a dead letter
/// with the sender's device id; a refused subscription is answered NotAuthorized and counted.
/// </para>
/// <para>
/// <b>Acknowledge after commit.</b> MQTTnet's server awaits the InterceptingPublish handler before
/// it queues the PUBACK (MqttConnectedClient.HandleIncomingPublishPacket: DispatchApplicationMessage,
/// whose first step is that handler, then the PUBACK). The handler submits the message to the
/// <see cref="IngestPipeline"/> and awaits the commit of the batch holding it, so a box gets its
/// PUBACK only once its message (or the ledger row proving it a duplicate, or its dead letter) is
/// on disk. If that does not happen within <see cref="CommitWait"/>, or the gateway is stopping,
/// the handler closes the connection instead: no PUBACK, the box sends the message again after it
/// reconnects, and the ledger stores it once even if the first attempt committed after all.
/// The server reads each connection's packets one after the other, so a box has one message in
/// the pipeline at a time: back-pressure per box, while batches fill across boxes. Device messages
/// are consumed by the gateway and not routed (ProcessPublish = false): no other client may read
/// them anyway, and the gateway keeps the status instead of the broker's retained copy.
/// The last will of a box whose connection dies goes through the same handler (with the box's
/// client id and no PUBACK to send), so "offline" is stored like any status.
/// </para>
/// <para>
/// <b>Alert readers.</b> An app or partner client logs in with user name = an API key's id, password =
/// the whole key ("rbk_{id}_{secret}", checked by <see cref="IApiKeyAuthenticator"/>) and client id
/// "{key id}:{anything}" (<see cref="TopicAcl.IsAppClientIdOf"/>). It may subscribe only to its key's
/// tenant's alert topics (rydbox/v1/tenants/{tenant}/alerts/# or narrower) and publish nothing. Its
/// tenant is kept in the MQTT session's items at login. Apps are not counted as devices.
/// </para>
/// </summary>
public sealed class EmbeddedMqttBroker : IHostedService, IBrokerPublisher, IAsyncDisposable
{
    /// <summary>Longest a box waits for its PUBACK before the gateway gives up on the commit and drops the connection.</summary>
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    /// <summary>The sender id of messages the gateway injects itself; a device id can never contain '$'.</summary>
    private const string GatewaySenderId = "$rydbox-gateway";

    /// <summary>The session item holding an app client's tenant, set when it logs in.</summary>
    private const string AppTenantItem = "rydbox.app-tenant";

    private readonly BrokerOptions _options;
    private readonly IDeviceDirectory _directory;
    private readonly IApiKeyAuthenticator _apiKeys;
    private readonly IngestPipeline _pipeline;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedMqttBroker> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private MqttServer? _server;
    private X509Certificate2? _certificate;
    private int _disposed;

    public EmbeddedMqttBroker(
        IOptions<GatewayOptions> options,
        IDeviceDirectory directory,
        IApiKeyAuthenticator apiKeys,
        IngestPipeline pipeline,
        GatewayMetrics metrics,
        TimeProvider time,
        ILogger<EmbeddedMqttBroker> logger)
    {
        _options = options.Value.Broker;
        _directory = directory;
        _apiKeys = apiKeys;
        _pipeline = pipeline;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>The plain MQTT port listened on (the configured one, or the free one picked for Port 0), once started.</summary>
    public int Port { get; private set; }

    /// <summary>The TLS port listened on, or null without a certificate.</summary>
    public int? TlsPort { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IPAddress address = ListenAddress(_options.ListenAddress);
        Port = _options.Port == 0 ? PickFreePort(address) : _options.Port;
        MqttServerOptionsBuilder builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions(true);
        builder = address.AddressFamily == AddressFamily.InterNetworkV6
            ? builder.WithDefaultEndpointBoundIPV6Address(address).WithDefaultEndpointBoundIPAddress(IPAddress.None)
            : builder.WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointBoundIPV6Address(IPAddress.None);

        if (!string.IsNullOrEmpty(_options.CertificateFile))
        {
            _certificate = X509CertificateLoader.LoadPkcs12FromFile(_options.CertificateFile, _options.CertificatePassword);
            TlsPort = _options.TlsPort == 0 ? PickFreePort(address) : _options.TlsPort;
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(TlsPort.Value)
                .WithEncryptionCertificate(_certificate);
            builder = address.AddressFamily == AddressFamily.InterNetworkV6
                ? builder.WithEncryptedEndpointBoundIPV6Address(address).WithEncryptedEndpointBoundIPAddress(IPAddress.None)
                : builder.WithEncryptedEndpointBoundIPAddress(address).WithEncryptedEndpointBoundIPV6Address(IPAddress.None);
        }

        MqttServer server = new MqttServerFactory().CreateMqttServer(builder.Build());
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.ClientConnectedAsync += e =>
        {
            if (TopicAcl.IsAppClientId(e.ClientId))
            {
                _logger.LogDebug("App client {Client} connected from {Endpoint}", e.ClientId, e.RemoteEndPoint);
                return Task.CompletedTask;
            }

            _metrics.DeviceConnected();
            _logger.LogDebug("Device {Device} connected from {Endpoint}", e.ClientId, e.RemoteEndPoint);
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += e =>
        {
            if (TopicAcl.IsAppClientId(e.ClientId))
            {
                return Task.CompletedTask;
            }

            _metrics.DeviceDisconnected(); // every connection that connected ends once, a taken-over one too
            _logger.LogDebug("Device {Device} disconnected ({Type})", e.ClientId, e.DisconnectType);
            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        await server.StartAsync();
        _server = server;

        string scheme = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        if (TlsPort is int tls)
        {
            _logger.LogInformation("Embedded MQTT broker listening on mqtt://{Address}:{Port} and mqtts://{Address}:{TlsPort}", scheme, Port, scheme, tls);
        }
        else
        {
            _logger.LogInformation("Embedded MQTT broker listening on mqtt://{Address}:{Port} (no TLS: set RydBox:Broker:CertificateFile for mqtts on port {TlsPort})", scheme, Port, _options.TlsPort);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Handlers still waiting for a commit give up now and close their connections unacknowledged.
        await _stopping.CancelAsync();
        MqttServer? server = _server;
        _server = null;
        if (server is not null)
        {
            await server.StopAsync();
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself, as the publisher and as a hosted service: the container may dispose it more than once.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _certificate?.Dispose();
        _stopping.Dispose();
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        MqttServer server = _server ?? throw new InvalidOperationException("the embedded broker is not running");
        MqttApplicationMessage message = IBrokerPublisher.Message(topic, payload, retain);
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = GatewaySenderId }, cancellationToken);
    }

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        string? refusal = null;
        if (TopicAcl.IsAppClientId(e.ClientId))
        {
            refusal = ValidateApp(e);
        }
        else if (!WireTopics.IsValidDeviceId(e.ClientId))
        {
            refusal = "invalid_client_id";
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
        }
        else if (!string.Equals(e.UserName, e.ClientId, StringComparison.Ordinal))
        {
            refusal = "client_id_mismatch";
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }
        else if (string.IsNullOrEmpty(e.Password) || !_directory.Authenticate(e.ClientId, e.Password))
        {
            // The box hears only "bad user name or password", whatever the cause; the log says which.
            DeviceIdentity? device = _directory.Find(e.ClientId);
            refusal = device is null ? "unknown_device" : device.Revoked ? "revoked" : "bad_secret";
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }

        if (refusal is not null)
        {
            _metrics.ConnectionRefused(refusal);
            _logger.LogWarning(
                "Refused MQTT connection from {Endpoint}: {Reason} (client id {ClientId}, user name {UserName})",
                e.RemoteEndPoint,
                refusal,
                Printable(e.ClientId),
                Printable(e.UserName));
        }

        return Task.CompletedTask;
    }

    /// <summary>An app's login: its API key must be valid and its client id bound to the key; null when accepted.</summary>
    private string? ValidateApp(ValidatingConnectionEventArgs e)
    {
        if (!TopicAcl.IsApiKeyLogin(e.UserName, e.Password))
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return "bad_api_key";
        }

        if (!TopicAcl.IsAppClientIdOf(e.ClientId, e.UserName!))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            return "invalid_client_id";
        }

        string? tenant = _apiKeys.TenantOf(e.Password!);
        if (tenant is null)
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return "bad_api_key";
        }

        e.SessionItems[AppTenantItem] = tenant;
        return null;
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == GatewaySenderId)
        {
            return; // the gateway's own commands and alerts: routed to subscribers like any message
        }

        e.ProcessPublish = false;
        MqttApplicationMessage message = e.ApplicationMessage;
        if (TopicAcl.IsAppClientId(e.ClientId))
        {
            // Apps read alerts; they have no topic to publish on (not their will either). Nothing to ingest.
            _metrics.PublishRefused();
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            _logger.LogWarning("Refused a publish of app client {Client} on {Topic}: apps may not publish", Printable(e.ClientId), Printable(message.Topic));
            return;
        }

        if (!TopicAcl.MayPublish(e.ClientId, message.Topic, out _, out string reason, out _))
        {
            _metrics.PublishRefused();
            e.Response.ReasonCode = reason == DeadLetterReasons.InvalidTopic ? MqttPubAckReasonCode.TopicNameInvalid : MqttPubAckReasonCode.NotAuthorized;
            _logger.LogWarning("Refused a publish of device {Device} on {Topic}: {Reason}", e.ClientId, Printable(message.Topic), reason);
        }

        InboundMessage inbound = InboundMessage.Awaitable(message.Topic, message.Payload.ToArray(), _time.GetUtcNow(), e.ClientId, out Task<IngestOutcome> committed);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(e.CancellationToken, _stopping.Token);
        try
        {
            if (!await _pipeline.SubmitAsync(inbound, wait.Token))
            {
                e.CloseConnection = true;
                return;
            }

            await committed.WaitAsync(CommitWait, wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // No PUBACK: the box keeps the message and sends it again after reconnecting.
            e.CloseConnection = true;
            if (ex is TimeoutException)
            {
                _logger.LogWarning("No commit within {Wait} for a message of device {Device}; closing its connection so that it sends again", CommitWait, e.ClientId);
            }
        }
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (TopicAcl.IsAppClientId(e.ClientId))
        {
            if (e.SessionItems[AppTenantItem] is not string tenant || !TopicAcl.MayAppSubscribe(tenant, e.TopicFilter.Topic))
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
                _metrics.SubscriptionRefused();
                _logger.LogWarning("Refused a subscription of app client {Client} to {Filter}: an app may subscribe to its own tenant's alerts only", Printable(e.ClientId), Printable(e.TopicFilter.Topic));
            }

            return Task.CompletedTask;
        }

        if (!TopicAcl.MaySubscribe(e.ClientId, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            _metrics.SubscriptionRefused();
            _logger.LogWarning("Refused a subscription of device {Device} to {Filter}: a box may subscribe to its own cmd topic only", e.ClientId, Printable(e.TopicFilter.Topic));
        }

        return Task.CompletedTask;
    }

    private static IPAddress ListenAddress(string configured) =>
        configured switch
        {
            "" or "*" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(configured, out IPAddress? address) => address,
            _ => Dns.GetHostAddresses(configured).FirstOrDefault()
                 ?? throw new InvalidOperationException($"RydBox:Broker:ListenAddress \"{configured}\" resolves to no address"),
        };

    private static int PickFreePort(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>What a client sent, fit for a log line: bounded, without control characters.</summary>
    private static string Printable(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        string shown = text.Length > 80 ? text[..80] + "…" : text;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
