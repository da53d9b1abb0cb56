using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Session;

/// <summary>An MQTT link that records what the session asks of it and answers as the test decides.</summary>
public sealed class ScriptedLink : IMqttLink
{
    private readonly Queue<MqttMessage> _inbound = new();

    public bool AcceptConnect { get; set; } = true;

    /// <summary>Decides each publish by topic; acknowledges everything by default.</summary>
    public Func<string, bool> AcknowledgePublish { get; set; } = _ => true;

    public bool IsConnected { get; set; }

    public List<MqttConnectOptions> Connects { get; } = [];

    public List<(string Topic, byte[] Payload, bool Retain)> Published { get; } = [];

    public List<string> Subscribed { get; } = [];

    public int Disconnects { get; private set; }

    public bool Connect(MqttConnectOptions options)
    {
        Connects.Add(new MqttConnectOptions
        {
            ClientId = options.ClientId,
            Username = options.Username,
            Password = options.Password,
            CleanSession = options.CleanSession,
            KeepAliveSeconds = options.KeepAliveSeconds,
            WillTopic = options.WillTopic,
            WillPayload = options.WillPayload,
            WillRetain = options.WillRetain,
        });
        IsConnected = AcceptConnect;
        return AcceptConnect;
    }

    public void Disconnect()
    {
        Disconnects++;
        IsConnected = false;
    }

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected || !AcknowledgePublish(topic))
        {
            return false;
        }

        Published.Add((topic, payload.AsSpan(offset, count).ToArray(), retain));
        return true;
    }

    public bool Subscribe(string topicFilter)
    {
        Subscribed.Add(topicFilter);
        return IsConnected;
    }

    public bool TryTakeMessage(MqttMessage into)
    {
        if (!_inbound.TryDequeue(out MqttMessage? message))
        {
            return false;
        }

        into.Topic = message.Topic;
        into.Payload = message.Payload;
        return true;
    }

    public void Deliver(string topic, byte[] payload) => _inbound.Enqueue(new MqttMessage { Topic = topic, Payload = payload });
}
