using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace RydBox.Gateway.Tests.Identity;

/// <summary>An MQTT 5 client logged in as a device or the gateway, recording what it receives.</summary>
public sealed class MqttProbe : IDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    private readonly IMqttClient _client;
    private readonly List<(string Topic, string Payload)> _received = [];

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_received)
            {
                _received.Add((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
                Monitor.PulseAll(_received);
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<(string Topic, string Payload)> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>Connects; the result code the broker answered with, and the client when it was Success.</summary>
    public static MqttClientConnectResultCode TryConnect(int port, string user, string password, out MqttProbe? probe)
    {
        probe = null;
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(user + "-" + Guid.NewGuid().ToString("N")[..6])
            .WithCredentials(user, password)
            .WithCleanSession()
            .WithTimeout(OperationTimeout)
            .Build();
        using var timeout = new CancellationTokenSource(OperationTimeout);
        try
        {
            MqttClientConnectResult connected = client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
            if (connected.ResultCode == MqttClientConnectResultCode.Success)
            {
                probe = new MqttProbe(client);
                return MqttClientConnectResultCode.Success;
            }

            client.Dispose();
            return connected.ResultCode;
        }
        catch (MqttConnectingFailedException)
        {
            client.Dispose();
            return MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    public static MqttProbe Connect(int port, string user, string password)
    {
        MqttClientConnectResultCode code = TryConnect(port, user, password, out MqttProbe? probe);
        return probe ?? throw new InvalidOperationException($"{user} could not log in: {code}");
    }

    public MqttClientSubscribeResultCode Subscribe(string filter)
    {
        using var timeout = new CancellationTokenSource(OperationTimeout);
        MqttClientSubscribeResult result = _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token)
            .GetAwaiter().GetResult();
        return result.Items.Single().ResultCode;
    }

    /// <summary>Publishes with QoS 1 and returns the broker's PUBACK reason.</summary>
    public MqttClientPublishReasonCode Publish(string topic, string payload)
    {
        using var timeout = new CancellationTokenSource(OperationTimeout);
        return _client.PublishStringAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, timeout.Token)
            .GetAwaiter().GetResult().ReasonCode;
    }

    /// <summary>Waits until a message on <paramref name="topic"/> with <paramref name="payload"/> arrives; true when it did.</summary>
    public bool WaitFor(string topic, string payload, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_received)
        {
            while (!_received.Contains((topic, payload)))
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_received, left);
            }

            return true;
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
            // The broker may be gone already; the socket closes below either way.
        }

        _client.Dispose();
    }
}
