using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace RydBox.Testing.Brokers;

/// <summary>A message a <see cref="TestMqttClient"/> received; <see cref="Retained"/> marks one the broker kept.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retained);

/// <summary>
/// The gateway's side in a test: a clean-session MQTTnet client that records what it receives
/// and publishes commands. Blocking helpers with timeouts, for readable tests.
/// </summary>
public sealed class TestMqttClient : IDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client;
    private readonly List<ReceivedMessage> _received = [];

    internal TestMqttClient(Uri broker, BrokerAccount account, string topicFilter)
    {
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_received)
            {
                _received.Add(new ReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
                Monitor.PulseAll(_received);
            }

            return Task.CompletedTask;
        };

        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId("observer-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(account.UserName, account.Password)
            .WithCleanSession()
            .WithTimeout(OperationTimeout)
            .Build();
        using var timeout = new CancellationTokenSource(OperationTimeout);
        MqttClientConnectResult result = _client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"observer could not connect to {broker}: {result.ResultCode}");
        }

        _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                timeout.Token)
            .GetAwaiter().GetResult();
    }

    public IReadOnlyList<ReceivedMessage> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages match; returns the matches received so far.</summary>
    public IReadOnlyList<ReceivedMessage> WaitFor(Func<ReceivedMessage, bool> match, int count, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_received)
        {
            while (true)
            {
                List<ReceivedMessage> matches = _received.Where(match).ToList();
                TimeSpan left = deadline - DateTime.UtcNow;
                if (matches.Count >= count || left <= TimeSpan.Zero)
                {
                    return matches;
                }

                Monitor.Wait(_received, left);
            }
        }
    }

    public IReadOnlyList<ReceivedMessage> WaitFor(string topic, int count, TimeSpan timeout) =>
        WaitFor(m => m.Topic == topic, count, timeout);

    /// <summary>Publishes with QoS 1 and waits for the broker's acknowledgement.</summary>
    public void Publish(string topic, byte[] payload, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(OperationTimeout);
        MqttClientPublishResult result = _client.PublishBinaryAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain, timeout.Token)
            .GetAwaiter().GetResult();
        if ((int)result.ReasonCode >= 0x80)
        {
            throw new InvalidOperationException($"publish on {topic} failed: {result.ReasonCode}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(OperationTimeout);
                _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).GetAwaiter().GetResult();
            }
        }
        catch (Exception)
        {
            // The broker may already be gone; the socket is closed below either way.
        }

        _client.Dispose();
    }
}
