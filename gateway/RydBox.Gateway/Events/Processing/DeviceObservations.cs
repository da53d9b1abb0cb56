using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>What one device's newly stored messages told, for its timeline.</summary>
public sealed record DeviceObservations(string DeviceId, string TenantId, IReadOnlyList<Observation> Observations);
