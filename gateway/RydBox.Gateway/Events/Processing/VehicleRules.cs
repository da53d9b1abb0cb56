using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;

namespace RydBox.Gateway.Events.Processing;

/// <summary>The family-safety rules that apply to one vehicle: its own and its tenant's geofences and curfew windows.</summary>
public sealed record VehicleRules(IReadOnlyList<Geofence> Geofences, IReadOnlyList<CurfewWindow> Curfews)
{
    public static VehicleRules None { get; } = new([], []);
}
