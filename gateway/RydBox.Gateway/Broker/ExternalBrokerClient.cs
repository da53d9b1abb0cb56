using System.Buffers;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using RydBox.Contract;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Ingest;

namespace RydBox.Gateway.Broker;

/// <summary>
/// The gateway as a client of an external broker (Broker:Mode External: mosquitto, EMQX, …).
/// <para>
/// It connects to Broker:Url with Broker:Username/Password as Broker:ClientId, MQTT 5 with a
/// persistent session (clean start off, a session that never expires), and subscribes with QoS 1
/// to the box → gateway topics of every device, as the shared subscription
/// <c>$share/{SharedGroup}/rydbox/v1/+/telemetry</c> (…/event, …/status, …/cmd/ack) so that several
/// gateways split the load, or as plain filters when SharedGroup is empty.
/// </para>
/// <para>
/// <b>Manual acknowledgement.</b> Each message is handed to the <see cref="IngestPipeline"/> with
/// AutoAcknowledge off, and its PUBACK goes out only when the pipeline committed it. The handler
/// returns as soon as the message is queued (MQTTnet calls it for one message at a time), so
/// batches fill; a full queue makes it wait, and the broker's in-flight window (the receive maximum
/// sent at connect, mosquitto's max_inflight_messages) stops the flow. A message not acknowledged
/// when the gateway stops or crashes stays in the broker's session and is delivered again on
/// reconnect; the ledger stores it once.
/// </para>
/// <para>
/// The device is known here only from the topic: the external broker's ACL must guarantee that a
/// box publishes on its own topics only. The pipeline checks the id against the device directory
/// (unknown or revoked → dead letter). A lost connection is retried at once, then with backoff
/// (1 s doubling to 30 s).
/// </para>
/// <para>
/// mosquitto (2.0.11 at least) does not restore shared subscriptions from its persistence file when
/// it restarts, while it does restore plain ones: with a shared group, messages published between
/// the broker's restart and this client's resubscription (usually well under a second) reach no
/// gateway. Deployments that cannot accept that run one gateway with SharedGroup empty.
/// </para>
/// </summary>
public sealed class ExternalBrokerClient : BackgroundService, IBrokerPublisher
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(10);
    private static readonly TopicKind[] Subscribed = [TopicKind.Telemetry, TopicKind.Event, TopicKind.Status, TopicKind.CommandAck];

    private readonly BrokerOptions _options;
    private readonly ushort _receiveMaximum;
    private readonly IngestPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly ILogger<ExternalBrokerClient> _logger;
    private readonly IMqttClient _client;
    private readonly Uri _url;
    private TaskCompletionSource _disconnected = NewSignal();
    private CancellationToken _stoppingToken;
    private volatile bool _subscribed;

    public ExternalBrokerClient(IOptions<GatewayOptions> options, IngestPipeline pipeline, TimeProvider time, ILogger<ExternalBrokerClient> logger)
    {
        _options = options.Value.Broker;
        _receiveMaximum = (ushort)Math.Clamp(options.Value.Ingest.MaxBatchMessages * 2, 16, ushort.MaxValue);
        _pipeline = pipeline;
        _time = time;
        _logger = logger;
        if (!Uri.TryCreate(_options.Url, UriKind.Absolute, out Uri? url) || url.Scheme is not ("mqtt" or "mqtts" or "tcp" or "ssl"))
        {
            throw new InvalidOperationException($"RydBox:Broker:Url \"{_options.Url}\" is not mqtt://host:port or mqtts://host:port");
        }

        if (string.IsNullOrEmpty(_options.ClientId))
        {
            throw new InvalidOperationException("RydBox:Broker:ClientId is needed with an external broker: the persistent session is bound to it");
        }

        if (_options.SharedGroup?.IndexOfAny(['/', '+', '#']) >= 0)
        {
            throw new InvalidOperationException($"RydBox:Broker:SharedGroup \"{_options.SharedGroup}\" may not contain '/', '+' or '#'");
        }

        _url = url;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += ReceiveAsync;
        _client.DisconnectedAsync += e =>
        {
            _subscribed = false;
            if (e.ClientWasConnected)
            {
                _logger.LogWarning("Lost the connection to the MQTT broker {Url}: {Reason}", Redacted(_url), e.Reason);
            }

            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>True while connected and subscribed: messages flow.</summary>
    public bool IsReady => _subscribed && _client.IsConnected;

    /// <summary>The subscription filters for a shared group (empty: plain filters).</summary>
    public static IReadOnlyList<string> Filters(string? sharedGroup) =>
        Subscribed
            .Select(kind => string.IsNullOrEmpty(sharedGroup) ? WireTopics.Filter(kind) : $"$share/{sharedGroup}/{WireTopics.Filter(kind)}")
            .ToList();

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        MqttApplicationMessage message = IBrokerPublisher.Message(topic, payload, retain);
        MqttClientPublishResult result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"the broker refused the publish on {topic}: {result.ReasonCode}");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            try
            {
                // A clean DISCONNECT: the session, with whatever is not acknowledged yet, stays on the broker.
                using var timeout = new CancellationTokenSource(OperationTimeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
            catch (Exception e)
            {
                _logger.LogDebug("Disconnect from the MQTT broker failed: {Error}", e.Message);
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _client.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stoppingToken = stoppingToken;
        TimeSpan retryDelay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait = retryDelay;
            try
            {
                _disconnected = NewSignal();
                await ConnectAndSubscribeAsync(stoppingToken);
                long connectedAt = _time.GetTimestamp();
                await _disconnected.Task.WaitAsync(stoppingToken);

                // A connection that worked for a while and dropped: try again at once (after the
                // jitter), then back off. One that drops at once (another gateway taking over the
                // same client id, a broker refusing us) keeps backing off instead of hammering.
                if (_time.GetElapsedTime(connectedAt) >= StableConnection)
                {
                    retryDelay = FirstRetryDelay;
                    wait = TimeSpan.Zero;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning("Could not connect to the MQTT broker {Url} as {ClientId}: {Error}; retrying in {Delay} s", Redacted(_url), _options.ClientId, e.Message, retryDelay.TotalSeconds);
                if (_client.IsConnected)
                {
                    // Connected but not subscribed: start over.
                    try
                    {
                        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                    }
                    catch (Exception)
                    {
                        // Gone already.
                    }
                }
            }

            try
            {
                // Some jitter, so that gateways restarted together do not reconnect in lockstep.
                TimeSpan jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
                await Task.Delay(wait + jitter, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (wait > TimeSpan.Zero)
            {
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LongestRetryDelay.Ticks));
            }
        }
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken stoppingToken)
    {
        bool tls = _url.Scheme is "mqtts" or "ssl";
        int port = _url.Port > 0 ? _url.Port : (tls ? 8883 : 1883);
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_url.Host, port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(uint.MaxValue) // never: unacknowledged messages wait for this gateway
            .WithReceiveMaximum(_receiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(OperationTimeout);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        if (tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls().WithTargetHost(_url.Host));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(OperationTimeout);
        MqttClientConnectResult connected = await _client.ConnectAsync(builder.Build(), timeout.Token);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"connection refused: {connected.ResultCode} {connected.ReasonString}");
        }

        MqttClientSubscribeOptionsBuilder subscribe = new();
        foreach (string filter in Filters(_options.SharedGroup))
        {
            // Retained statuses only for a new subscription: a reconnect does not replay them all.
            subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce, retainHandling: MqttRetainHandling.SendAtSubscribeIfNewSubscriptionOnly);
        }

        MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(subscribe.Build(), timeout.Token);
        List<string> refused = subscribed.Items
            .Where(i => i.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            .Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}")
            .ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException("subscriptions refused or downgraded below QoS 1 (" + string.Join("; ", refused) + ")");
        }

        _subscribed = true;
        _logger.LogInformation(
            "Connected to the MQTT broker {Url} as {ClientId} ({Session}); subscribed to {Filters}",
            Redacted(_url),
            _options.ClientId,
            connected.IsSessionPresent ? "session resumed" : "new session",
            string.Join(", ", Filters(_options.SharedGroup)));
    }

    private async Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        MqttApplicationMessage message = e.ApplicationMessage;
        var inbound = new InboundMessage(
            message.Topic,
            message.Payload.ToArray(),
            _time.GetUtcNow(),
            senderDeviceId: null,
            (_, cancellationToken) => e.AcknowledgeAsync(cancellationToken));
        try
        {
            if (!await _pipeline.SubmitAsync(inbound, _stoppingToken))
            {
                _logger.LogDebug("Ingest has stopped; a message on {Topic} stays unacknowledged for the next run", message.Topic);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: left unacknowledged, the broker keeps it for the next run.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The broker address without any user info, for logs.</summary>
    private static string Redacted(Uri url) =>
        url.Port > 0 ? $"{url.Scheme}://{url.Host}:{url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : $"{url.Scheme}://{url.Host}";
}
