using RydBox.Contract;

namespace RydBox.Gateway.Storage;

/// <summary>
/// Where telemetry samples live: SQLite (default) or InfluxDB. Writes are idempotent per
/// (device, sequence), so a batch written again after a crash is stored once.
/// </summary>
public interface ITelemetryStore
{
    /// <summary>Stores decoded batches; returns once they are durable.</summary>
    Task WriteAsync(IReadOnlyList<IngestedBatch> batches, CancellationToken cancellationToken);

    /// <summary>A device's samples with from ≤ time &lt; to, in time order.</summary>
    Task<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Deletes every sample of a device (erasure under data protection).</summary>
    Task EraseDeviceAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Deletes a device's samples older than <paramref name="cutoff"/> (retention).</summary>
    Task DeleteOlderThanAsync(string deviceId, DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>A telemetry batch that passed validation, with who sent it and what it said.</summary>
public sealed record IngestedBatch(string DeviceId, string TenantId, TelemetryMessage Message, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);
