using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Mqtt;

/// <summary>
/// <see cref="IMqttLink"/> over MQTTnet's client for the Linux box: blocking calls with a timeout
/// over the asynchronous client. Network and broker failures never throw: they return false, are
/// written to the log, and leave <see cref="IsConnected"/> false so the session reconnects.
/// Each connection uses a fresh client, so nothing of a broken connection lingers.
/// </summary>
public sealed class MqttNetLink : IMqttLink, IDisposable
{
    private readonly MqttLinkOptions _options;
    private readonly Action<string>? _log;
    private readonly X509Certificate2? _certificateAuthority;
    private readonly ConcurrentQueue<MqttMessage> _delivered = new();
    private readonly object _gate = new();
    private IMqttClient? _client;

    /// <param name="log">Receives one line per failure; null for silence.</param>
    public MqttNetLink(MqttLinkOptions options, Action<string>? log = null)
    {
        _options = options;
        _log = log;
        if (options.CaCertificateFile is not null)
        {
            _certificateAuthority = X509CertificateLoader.LoadCertificateFromFile(options.CaCertificateFile);
        }
    }

    public bool IsConnected => _client?.IsConnected == true;

    public bool Connect(MqttConnectOptions options)
    {
        lock (_gate)
        {
            Drop(_client);
            var client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += OnDelivered;
            try
            {
                using var timeout = new CancellationTokenSource(_options.OperationTimeout);
                MqttClientConnectResult result = client.ConnectAsync(ClientOptionsFor(options), timeout.Token).GetAwaiter().GetResult();
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    Log($"broker {_options.Host}:{_options.Port} refused the connection: {result.ResultCode} {result.ReasonString}");
                    client.Dispose();
                    return false;
                }

                _client = client;
                return true;
            }
            catch (Exception e)
            {
                Log($"cannot connect to {_options.Host}:{_options.Port}: {Describe(e)}");
                client.Dispose();
                return false;
            }
        }
    }

    public void Disconnect()
    {
        lock (_gate)
        {
            IMqttClient? client = _client;
            _client = null;
            if (client?.IsConnected == true)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(_options.OperationTimeout);
                    client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    Log($"disconnect was not clean: {Describe(e)}");
                }
            }

            Drop(client);
        }
    }

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        IMqttClient? client = _client;
        if (client?.IsConnected != true)
        {
            return false;
        }

        // Copied: after a timeout the client may still hold the message while the caller reuses its buffer.
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(_options.OperationTimeout);
            MqttClientPublishResult result = client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult();

            // MQTT 5 reason codes below 0x80 are successes ("no matching subscribers" included).
            if ((int)result.ReasonCode >= 0x80)
            {
                Log($"broker rejected a message on {topic}: {result.ReasonCode} {result.ReasonString}");
                return false;
            }

            return true;
        }
        catch (Exception e)
        {
            Log($"publish on {topic} failed: {Describe(e)}");
            return false;
        }
    }

    public bool Subscribe(string topicFilter)
    {
        IMqttClient? client = _client;
        if (client?.IsConnected != true)
        {
            return false;
        }

        MqttClientSubscribeOptions subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(new MqttTopicFilterBuilder().WithTopic(topicFilter).WithAtLeastOnceQoS())
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(_options.OperationTimeout);
            MqttClientSubscribeResult result = client.SubscribeAsync(subscription, timeout.Token).GetAwaiter().GetResult();
            MqttClientSubscribeResultCode code = result.Items.Single().ResultCode;
            if (code is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                Log($"broker did not grant QoS 1 on {topicFilter}: {code}");
                return false;
            }

            return true;
        }
        catch (Exception e)
        {
            Log($"subscribe to {topicFilter} failed: {Describe(e)}");
            return false;
        }
    }

    public bool TryTakeMessage(MqttMessage into)
    {
        if (!_delivered.TryDequeue(out MqttMessage? message))
        {
            return false;
        }

        into.Topic = message.Topic;
        into.Payload = message.Payload;
        return true;
    }

    /// <summary>
    /// Drops the connection without a DISCONNECT packet, as a power cut would: the broker sees the
    /// socket close and publishes the last will.
    /// </summary>
    public void Abort()
    {
        lock (_gate)
        {
            Drop(_client);
            _client = null;
        }
    }

    public void Dispose() => Disconnect();

    private MqttClientOptions ClientOptionsFor(MqttConnectOptions options)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(options.ClientId)
            .WithCredentials(options.Username, options.Password)
            .WithCleanSession(options.CleanSession)
            .WithTimeout(_options.OperationTimeout)
            .WithProtocolVersion(_options.UseMqtt5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);
        builder = options.KeepAliveSeconds > 0
            ? builder.WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
            : builder.WithNoKeepAlive();
        if (_options.UseMqtt5 && !options.CleanSession)
        {
            // MQTT 5 ends a session at disconnect unless it is given an expiry.
            builder = builder.WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds);
        }

        if (options.WillTopic is not null)
        {
            builder = builder
                .WithWillTopic(options.WillTopic)
                .WithWillPayload(options.WillPayload ?? [])
                .WithWillRetain(options.WillRetain)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (_options.UseTls)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(_options.Host);
                if (_certificateAuthority is not null)
                {
                    tls.WithCertificateValidationHandler(IsSignedByCertificateAuthority);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Accepts the broker's certificate when it chains to the configured CA and names the host.</summary>
    private bool IsSignedByCertificateAuthority(MqttClientCertificateValidationEventArgs e)
    {
        if (e.Certificate is null || (e.SslPolicyErrors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_certificateAuthority!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (e.Chain is not null)
        {
            foreach (X509ChainElement element in e.Chain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var presented = X509CertificateLoader.LoadCertificate(e.Certificate.GetRawCertData());
        return chain.Build(presented);
    }

    private Task OnDelivered(MqttApplicationMessageReceivedEventArgs e)
    {
        if (_delivered.Count >= _options.MaxQueuedMessages)
        {
            // Not acknowledged: the broker delivers it again on the next connection.
            e.ProcessingFailed = true;
            Log($"message on {e.ApplicationMessage.Topic} left for redelivery: {_delivered.Count} are waiting");
            return Task.CompletedTask;
        }

        _delivered.Enqueue(new MqttMessage
        {
            Topic = e.ApplicationMessage.Topic,
            Payload = e.ApplicationMessage.Payload.ToArray(),
        });
        return Task.CompletedTask;
    }

    private static void Drop(IMqttClient? client)
    {
        if (client is not null)
        {
            client.Dispose();
        }
    }

    private static string Describe(Exception e) =>
        e is OperationCanceledException ? "no answer in time" : $"{e.GetType().Name}: {e.Message}";

    private void Log(string line) => _log?.Invoke(line);
}
