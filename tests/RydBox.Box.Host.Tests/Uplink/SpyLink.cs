using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>
/// Passes everything to the real link, lets a test look at each publish as it happens, and can
/// make chosen publishes fail without reaching the broker (a dead radio mid-drain).
/// </summary>
public sealed class SpyLink(IMqttLink inner) : IMqttLink
{
    private int _publishesToFail;
    private string? _failTopic;

    /// <summary>Called before each publish is sent: topic and payload.</summary>
    public Action<string, byte[]>? BeforePublish { get; set; }

    public int Connects { get; private set; }

    public bool IsConnected => inner.IsConnected;

    public void FailNextPublishes(string topic, int count)
    {
        _failTopic = topic;
        _publishesToFail = count;
    }

    public bool Connect(MqttConnectOptions options)
    {
        Connects++;
        return inner.Connect(options);
    }

    public void Disconnect() => inner.Disconnect();

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        BeforePublish?.Invoke(topic, payload.AsSpan(offset, count).ToArray());
        if (_publishesToFail > 0 && topic == _failTopic)
        {
            _publishesToFail--;
            return false;
        }

        return inner.Publish(topic, payload, offset, count, retain);
    }

    public bool Subscribe(string topicFilter) => inner.Subscribe(topicFilter);

    public bool TryTakeMessage(MqttMessage into) => inner.TryTakeMessage(into);
}
