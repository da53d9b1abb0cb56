using System.Threading.Channels;
using RydBox.Contract;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Ingest;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Hands every newly stored message to the event processor as observations, through a bounded
/// queue: detection runs beside ingest, not inside its writer loop, and when it falls far behind
/// the queue holds ingest back rather than dropping anything.
/// </summary>
public sealed class EventFeed : IIngestObserver
{
    /// <summary>Devices' message groups the queue holds before ingest waits.</summary>
    private const int Capacity = 100_000;

    private readonly Channel<DeviceObservations> _queue = Channel.CreateBounded<DeviceObservations>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<DeviceObservations> Reader => _queue.Reader;

    public async Task OnCommittedAsync(IReadOnlyList<CommittedMessage> messages, CancellationToken cancellationToken)
    {
        foreach (IGrouping<string, CommittedMessage> device in messages.GroupBy(m => m.DeviceId))
        {
            var observations = new List<Observation>();
            foreach (CommittedMessage message in device)
            {
                switch (message)
                {
                    case { Telemetry: TelemetryMessage telemetry }:
                        observations.AddRange(ObservationReader.Samples(telemetry));
                        break;
                    case { Event: EventMessage boxEvent }:
                        observations.Add(ObservationReader.Event(boxEvent));
                        break;
                    case { Status: StatusMessage status }:
                        observations.Add(ObservationReader.Connection(status, message.StatusTime ?? message.ReceivedAt));
                        break;
                }
            }

            if (observations.Count > 0)
            {
                await _queue.Writer.WriteAsync(new DeviceObservations(device.Key, device.First().TenantId, observations), cancellationToken);
            }
        }
    }

    /// <summary>No more messages come (the gateway stops): the processor finishes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
