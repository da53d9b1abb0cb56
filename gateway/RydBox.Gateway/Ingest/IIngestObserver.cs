using RydBox.Contract;

namespace RydBox.Gateway.Ingest;

/// <summary>
/// Told about every message the pipeline stored for the first time, after the commit and after the
/// MQTT acknowledgements: where per-device event detection, alerts and command tracking hook in.
/// Register any number as singletons (<c>services.AddSingleton&lt;IIngestObserver, MyObserver&gt;()</c>).
/// Calls come from the pipeline's one writer loop, batch by batch in arrival order; an exception is
/// logged and does not affect ingest. Duplicates and dead letters are not passed on.
/// </summary>
public interface IIngestObserver
{
    Task OnCommittedAsync(IReadOnlyList<CommittedMessage> messages, CancellationToken cancellationToken);
}

/// <summary>
/// A stored message: exactly one of <see cref="Telemetry"/>, <see cref="Event"/>,
/// <see cref="Status"/> and <see cref="CommandAck"/> is set, as <see cref="Kind"/> says.
/// <see cref="StatusTime"/> is the time stored with a status (the box's, or the arrival for the will).
/// </summary>
public sealed record CommittedMessage(
    string DeviceId,
    string TenantId,
    TopicKind Kind,
    DateTimeOffset ReceivedAt,
    TelemetryMessage? Telemetry = null,
    EventMessage? Event = null,
    StatusMessage? Status = null,
    DateTimeOffset? StatusTime = null,
    CommandAck? CommandAck = null);
