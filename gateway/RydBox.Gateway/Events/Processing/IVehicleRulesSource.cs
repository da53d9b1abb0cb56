namespace RydBox.Gateway.Events.Processing;

/// <summary>Where a vehicle's family-safety rules come from, and a number that moves whenever any of them changes.</summary>
public interface IVehicleRulesSource
{
    long Version { get; }

    VehicleRules For(string tenantId, string deviceId);
}
