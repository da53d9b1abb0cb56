using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using RydBox.Contract;

namespace RydBox.Gateway.Tests.Support;

/// <summary>
/// A box as the broker sees it: an MQTTnet client logging in with client id = user name = device id
/// and the device secret, registering the "offline" will on its status topic (retained, QoS 1) as a
/// real box does. Publishes with QoS 1 and waits for the PUBACK; <see cref="Abort"/> drops the
/// socket without a DISCONNECT, so the broker publishes the will.
/// </summary>
public sealed class TestBox : IAsyncDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly List<(string Topic, byte[] Payload)> _received = [];

    private TestBox(IMqttClient client, string deviceId)
    {
        _client = client;
        DeviceId = deviceId;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_received)
            {
                _received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                Monitor.PulseAll(_received);
            }

            return Task.CompletedTask;
        };
    }

    public string DeviceId { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Every message it received so far, in order.</summary>
    public IReadOnlyList<(string Topic, byte[] Payload)> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>Connects or throws with the broker's answer.</summary>
    public static async Task<TestBox> ConnectAsync(Uri broker, string deviceId, string secret, bool mqtt5 = true, string? clientId = null, X509Certificate2? trustedAuthority = null)
    {
        (TestBox? box, MqttClientConnectResultCode result) = await TryConnectAsync(broker, deviceId, secret, mqtt5, clientId, trustedAuthority);
        return box ?? throw new InvalidOperationException($"{deviceId} could not connect to {broker}: {result}");
    }

    /// <summary>
    /// Connects, or returns null with the broker's refusal. An mqtts:// address connects with TLS and
    /// accepts the broker's certificate only when it chains to <paramref name="trustedAuthority"/>.
    /// </summary>
    public static async Task<(TestBox? Box, MqttClientConnectResultCode Result)> TryConnectAsync(
        Uri broker, string userName, string secret, bool mqtt5 = true, string? clientId = null, X509Certificate2? trustedAuthority = null)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        string id = clientId ?? userName;
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(id)
            .WithCredentials(userName, secret)
            .WithCleanSession(true)
            .WithTimeout(OperationTimeout)
            .WithProtocolVersion(mqtt5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);
        if (broker.Scheme == "mqtts")
        {
            options = options.WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost("localhost")
                .WithCertificateValidationHandler(e => ChainsTo(e.Certificate, trustedAuthority)));
        }

        if (WireTopics.IsValidDeviceId(id))
        {
            options = options
                .WithWillTopic(WireTopics.Build(id, TopicKind.Status))
                .WithWillPayload(WirePayloads.Offline())
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        try
        {
            using var timeout = new CancellationTokenSource(OperationTimeout);
            MqttClientConnectResult result = await client.ConnectAsync(options.Build(), timeout.Token);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return (new TestBox(client, id), result.ResultCode);
            }

            client.Dispose();
            return (null, result.ResultCode);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // MqttConnectingFailedException among others: no answer, or a TLS handshake that failed.
            client.Dispose();
            return (null, MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    public string Topic(TopicKind kind) => WireTopics.Build(DeviceId, kind);

    /// <summary>Publishes with QoS 1 and returns the broker's answer (MQTT 5 reason code; Success for 3.1.1).</summary>
    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(OperationTimeout);
        MqttClientPublishResult result = await _client.PublishBinaryAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain, timeout.Token);
        return result.ReasonCode;
    }

    /// <summary>Publishes on its own topic of <paramref name="kind"/> and fails unless the broker acknowledged it.</summary>
    public async Task SendAsync(TopicKind kind, byte[] payload)
    {
        MqttClientPublishReasonCode code = await PublishAsync(Topic(kind), payload, retain: kind == TopicKind.Status);
        if ((int)code >= 0x80)
        {
            throw new InvalidOperationException($"{DeviceId}: publish on {kind} refused: {code}");
        }
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topicFilter)
    {
        using var timeout = new CancellationTokenSource(OperationTimeout);
        MqttClientSubscribeResult result = await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            timeout.Token);
        return result.Items.Single().ResultCode;
    }

    /// <summary>Waits for a message on <paramref name="topic"/>; returns its payload or null.</summary>
    public byte[]? WaitForMessage(string topic, TimeSpan timeout) =>
        WaitFor(m => m.Topic == topic, timeout)?.Payload.ToArray();

    /// <summary>Waits until a message on <paramref name="topic"/> with exactly <paramref name="payload"/> arrives; true when it did.</summary>
    public bool WaitForMessage(string topic, byte[] payload, TimeSpan timeout) =>
        WaitFor(m => m.Topic == topic && m.Payload.AsSpan().SequenceEqual(payload), timeout) is not null;

    private (string Topic, byte[] Payload)? WaitFor(Predicate<(string Topic, byte[] Payload)> match, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_received)
        {
            while (true)
            {
                int found = _received.FindIndex(match);
                if (found >= 0)
                {
                    return _received[found];
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                Monitor.Wait(_received, left);
            }
        }
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2? authority)
    {
        if (authority is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using X509Certificate2 presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented);
    }

    /// <summary>Drops the connection without a DISCONNECT, like a power cut: the broker publishes the will.</summary>
    public void Abort() => _client.Dispose();

    /// <summary>Disconnects cleanly (no will).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(OperationTimeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
        }
        catch (Exception)
        {
            // Already gone.
        }

        _client.Dispose();
    }
}
