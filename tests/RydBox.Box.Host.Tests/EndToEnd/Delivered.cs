using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Testing.Brokers;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>
/// What the gateway side received, decoded and deduplicated by sequence as the gateway does:
/// a redelivered message must carry the same bytes as the first copy.
/// </summary>
public sealed class Delivered
{
    private readonly Dictionary<long, byte[]> _bySequence = [];

    public List<TelemetryMessage> Batches { get; } = [];

    public List<EventMessage> Events { get; } = [];

    public int Redeliveries { get; private set; }

    /// <summary>
    /// Collects what the observers received once the broker has gone quiet: its deliveries to
    /// subscribers may trail the box's acknowledgements by a moment.
    /// </summary>
    public static Delivered From(params TestMqttClient[] observers)
    {
        int seen = -1;
        for (int quietChecks = 0; quietChecks < 50; quietChecks++)
        {
            int now = observers.Sum(o => o.Received.Count);
            if (now == seen)
            {
                break;
            }

            seen = now;
            Thread.Sleep(300);
        }

        var delivered = new Delivered();
        foreach (ReceivedMessage message in observers.SelectMany(o => o.Received))
        {
            delivered.Add(message);
        }

        return delivered;
    }

    /// <summary>Sample times in sequence order.</summary>
    public IReadOnlyList<long> SampleTimes => Batches.OrderBy(b => b.Sequence).SelectMany(b => b.Samples).Select(s => s.UnixMilliseconds).ToList();

    public IEnumerable<EventMessage> EventsOf(BoxEventType type) => Events.Where(e => e.Type == type);

    private void Add(ReceivedMessage message)
    {
        bool telemetry = message.Topic.EndsWith("/telemetry", StringComparison.Ordinal);
        bool isEvent = message.Topic.EndsWith("/event", StringComparison.Ordinal);
        if (!telemetry && !isEvent)
        {
            return;
        }

        long sequence = telemetry ? TelemetryDecoder.Decode(message.Payload).Sequence : EventDecoder.Decode(message.Payload).Sequence;
        if (_bySequence.TryGetValue(sequence, out byte[]? first))
        {
            first.Should().Equal(message.Payload, "a sequence number names one message: a redelivery carries the same bytes");
            Redeliveries++;
            return;
        }

        _bySequence[sequence] = message.Payload;
        if (telemetry)
        {
            Batches.Add(TelemetryDecoder.Decode(message.Payload));
        }
        else
        {
            Events.Add(EventDecoder.Decode(message.Payload));
        }
    }
}
