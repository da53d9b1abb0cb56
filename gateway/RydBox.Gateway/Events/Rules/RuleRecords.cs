using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;

namespace RydBox.Gateway.Events.Rules;

/// <summary>A stored geofence: the detector's <see cref="Geofence"/> (its Id is <see cref="Id"/>) and whom it watches.</summary>
/// <param name="DeviceId">The one vehicle it watches; null for every vehicle of the tenant.</param>
public sealed record GeofenceRule(string Id, string TenantId, string? DeviceId, Geofence Fence, DateTimeOffset Created);

/// <summary>A stored curfew: the detector's <see cref="CurfewWindow"/> and whom it watches.</summary>
/// <param name="DeviceId">The one vehicle it watches; null for every vehicle of the tenant.</param>
public sealed record CurfewRule(string Id, string TenantId, string? DeviceId, CurfewWindow Window, DateTimeOffset Created);
