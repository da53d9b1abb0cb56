namespace RydBox.Gateway.Events.Processing;

/// <summary>No geofences or curfews: the rules source until a registry of them is configured.</summary>
internal sealed class NoVehicleRules : IVehicleRulesSource
{
    public long Version => 0;

    public VehicleRules For(string tenantId, string deviceId) => VehicleRules.None;
}
