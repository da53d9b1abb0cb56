using RydBox.Contract;
using RydBox.Gateway.Events.Model;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;

namespace RydBox.Benchmarks.Events;

/// <summary>What one message gave the gateway, and the gateway's time when it came.</summary>
internal sealed record Delivery(long AtUnixMs, IReadOnlyList<Observation> Observations);

/// <summary>
/// Turns a box's captured messages into what the gateway's detectors see, decoded with the wire
/// contract's decoders and read with the gateway's <see cref="ObservationReader"/>, in publish order.
/// </summary>
internal static class Deliveries
{
    /// <summary>
    /// A message reaches the gateway when it was made (a batch with its newest row, an event at once),
    /// unless a network outage held it back: then when the box published it after the outage. The
    /// captured publish times cannot be taken as they are: the simulator's uplink pauses in real time,
    /// which at the parked pace are hours of simulated time, so every parked batch would look late.
    /// The gateway's clock never goes back, so each arrival is at least the one before.
    /// </summary>
    public static IReadOnlyList<Delivery> Of(RecordedDrive drive)
    {
        OutageTruth[] outages = drive.Truth.OfKind<OutageTruth>().ToArray();
        var deliveries = new List<Delivery>(drive.Messages.Count);
        long gatewayNow = long.MinValue;
        foreach (CapturedMessage message in drive.Messages)
        {
            (long made, IReadOnlyList<Observation> observations) = Read(message);
            bool heldBack = outages.Any(o => o.StartUnixMs <= message.ArrivedUnixMilliseconds && o.EndUnixMs > made);
            gatewayNow = Math.Max(gatewayNow, heldBack ? Math.Max(made, message.ArrivedUnixMilliseconds) : made);
            if (observations.Count > 0)
            {
                deliveries.Add(new Delivery(gatewayNow, observations));
            }
        }

        return deliveries;
    }

    private static (long Made, IReadOnlyList<Observation> Observations) Read(CapturedMessage message)
    {
        switch (WireTopics.Parse(message.Topic).Kind)
        {
            case TopicKind.Telemetry:
                SampleObservation[] rows = [.. ObservationReader.Samples(TelemetryDecoder.Decode(message.Payload).Samples)];
                return (rows.Length > 0 ? rows.Max(r => r.UnixMilliseconds) : message.ArrivedUnixMilliseconds, rows);
            case TopicKind.Event:
                BoxEventObservation boxEvent = ObservationReader.Event(EventDecoder.Decode(message.Payload));
                return (boxEvent.UnixMilliseconds, [boxEvent]);
            case TopicKind.Status:
                // The last will carries no time: the gateway stamps it when it comes.
                StatusMessage status = StatusDecoder.Decode(message.Payload);
                long at = status.UnixMilliseconds ?? message.ArrivedUnixMilliseconds;
                return (at, [ObservationReader.Connection(status, DateTimeOffset.FromUnixTimeMilliseconds(at))]);
            default:
                return (message.ArrivedUnixMilliseconds, []);
        }
    }
}
