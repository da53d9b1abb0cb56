using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Storage;

/// <summary>An episode as stored: its latest version, when that was written, and whether late data withdrew it.</summary>
public sealed record StoredEvent(string DeviceId, string TenantId, VehicleEvent Event, DateTimeOffset Updated, DateTimeOffset? Withdrawn);

/// <summary>
/// Which events to read: always within one tenant; optionally one device, one kind, episodes that
/// started in [<see cref="From"/>, <see cref="To"/>). Withdrawn ones only when asked. Newest first
/// unless <see cref="Ascending"/>.
/// </summary>
public sealed record EventQuery(
    string TenantId,
    string? DeviceId = null,
    string? Kind = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool IncludeWithdrawn = false,
    int Limit = 1000,
    bool Ascending = false);
