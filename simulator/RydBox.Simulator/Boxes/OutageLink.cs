using System.Diagnostics;
using RydBox.Box.Host.Mqtt;
using RydBox.Firmware.Hardware;
using RydBox.Simulator.Scenarios;

namespace RydBox.Simulator.Boxes;

/// <summary>
/// A box's MQTT link with the network taken away during scenario outages (a dead zone, a
/// cellular outage): while one lasts, the link is dropped and every call fails as a broken
/// connection would, so the firmware's own store-and-forward and reconnect logic is what gets
/// the box through it. Every publish that does reach the broker is timed to its PUBACK.
/// </summary>
/// <param name="inner">The link that does the work: MQTT to a broker, or a <see cref="CapturingLink"/>.</param>
/// <param name="drop">Cuts <paramref name="inner"/>'s connection without a goodbye, so that the broker publishes the will.</param>
public sealed class OutageLink(IMqttLink inner, Action drop, NetworkOutages outages, IClock clock, IPublishRecorder? publishes = null) : IMqttLink, IDisposable
{
    public OutageLink(MqttNetLink inner, NetworkOutages outages, IClock clock, IPublishRecorder? publishes = null)
        : this(inner, inner.Abort, outages, clock, publishes)
    {
    }

    /// <summary>Connection attempts and publishes refused because of an outage.</summary>
    public long CallsRefused { get; private set; }

    public bool IsConnected => !InOutage && inner.IsConnected;

    public bool Connect(MqttConnectOptions options) => !Refuse() && inner.Connect(options);

    /// <summary>
    /// Leaves the broker with a goodbye, except during an outage: then no DISCONNECT can reach it and
    /// the connection just drops. The firmware's session disconnects as soon as it sees the link
    /// gone, so passing that on would send a goodbye through the dead network and suppress the will.
    /// </summary>
    public void Disconnect()
    {
        if (InOutage)
        {
            drop();
        }
        else
        {
            inner.Disconnect();
        }
    }

    public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (Refuse())
        {
            return false;
        }

        long started = Stopwatch.GetTimestamp();
        bool acknowledged = inner.Publish(topic, payload, offset, count, retain);
        long ended = Stopwatch.GetTimestamp();
        if (acknowledged)
        {
            publishes?.Acknowledged(ended, ended - started);
        }
        else
        {
            publishes?.Failed(ended, topic);
        }

        return acknowledged;
    }

    public bool Subscribe(string topicFilter) => !Refuse() && inner.Subscribe(topicFilter);

    public bool TryTakeMessage(MqttMessage into) => !InOutage && inner.TryTakeMessage(into);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private bool InOutage => outages.Covers(clock.NowMilliseconds);

    private bool Refuse()
    {
        if (!InOutage)
        {
            return false;
        }

        // The radio is gone: the connection vanishes without a goodbye, so the broker publishes the will.
        if (inner.IsConnected)
        {
            drop();
        }

        CallsRefused++;
        return true;
    }
}
