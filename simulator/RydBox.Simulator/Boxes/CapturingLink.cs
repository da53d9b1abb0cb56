using System.Diagnostics;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Boxes;

/// <summary>One message as a <see cref="CapturingLink"/> received it.</summary>
/// <param name="Payload">A copy of the published bytes.</param>
/// <param name="ArrivedUnixMilliseconds">The box's calendar time when the message arrived.</param>
/// <param name="ArrivedTimestamp">The real time it arrived (<see cref="Stopwatch"/> ticks).</param>
public sealed record CapturedMessage(string Topic, byte[] Payload, bool Retain, long ArrivedUnixMilliseconds, long ArrivedTimestamp);

/// <summary>
/// A box's MQTT link that goes nowhere: it accepts every connection and subscription and hands each
/// published message to a callback, acknowledged at once, in the order the box published them. For
/// running the real firmware against something in the same process (the event-accuracy benchmark)
/// without a broker; behind an <see cref="OutageLink"/> the outages still refuse publishes, so the box
/// keeps those messages in its outbox and sends them late. Like a broker, it passes on the box's last
/// will when the connection is cut without a goodbye (<see cref="Abort"/>).
/// </summary>
/// <param name="clock">The box's clock, to stamp arrivals in simulated calendar time.</param>
public sealed class CapturingLink(IWallClock clock, Action<CapturedMessage> received) : IMqttLink, IDisposable
{
    private readonly object _gate = new();
    private MqttConnectOptions? _connection;

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connection is not null;
            }
        }
    }

    public bool Connect(MqttConnectOptions options)
    {
        lock (_gate)
        {
            _connection = options;
            return true;
        }
    }

    public void Disconnect()
    {
        lock (_gate)
        {
            _connection = null;
        }
    }

    /// <summary>Drops the connection without a DISCONNECT, as a dead radio does: the will, if any, is passed on as the broker would publish it.</summary>
    public void Abort()
    {
        MqttConnectOptions? dropped;
        lock (_gate)
        {
            dropped = _connection;
            _connection = null;
        }

        if (dropped is { WillTopic: string topic, WillPayload: byte[] will })
        {
            Deliver(topic, will.ToArray(), dropped.WillRetain);
        }
    }

    /// <summary>Hands a copy of the message on and acknowledges it; refused (false) while not connected, as on a real link.</summary>
    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Deliver(topic, payload.AsSpan(offset, count).ToArray(), retain);
        return true;
    }

    public bool Subscribe(string topicFilter) => IsConnected;

    /// <summary>Nothing is ever sent to the box.</summary>
    public bool TryTakeMessage(MqttMessage into) => false;

    public void Dispose() => Disconnect();

    private void Deliver(string topic, byte[] payload, bool retain)
    {
        clock.TryGetUnixMilliseconds(out long now);
        received(new CapturedMessage(topic, payload, retain, now, Stopwatch.GetTimestamp()));
    }
}
