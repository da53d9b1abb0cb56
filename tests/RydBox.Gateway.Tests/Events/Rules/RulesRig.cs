using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Rules;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Events.Rules;

/// <summary>
/// The rule registries over a real SQLite file in a temporary directory, as the gateway wires them
/// (one reader, both registries moving its version). Tenant A has car-a1 and car-a2, tenant B car-b1.
/// </summary>
public sealed class RulesRig : IDisposable
{
    public RulesRig(TimeSpan? externalCheckInterval = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("rydbox-rules-").FullName;
        Database = new GatewayDatabase(Path.Combine(DataDirectory, "rydbox.db"));
        new TenantRegistry(Database).Add("tenant-a", "A");
        new TenantRegistry(Database).Add("tenant-b", "B");
        var devices = new DeviceRegistry(Database);
        devices.Add("car-a1", "tenant-a");
        devices.Add("car-a2", "tenant-a");
        devices.Add("car-b1", "tenant-b");
        Reader = new VehicleRulesReader(Database, externalCheckInterval ?? VehicleRulesReader.DefaultExternalCheckInterval);
        Geofences = new GeofenceRegistry(Database, Reader);
        Curfews = new CurfewRegistry(Database, Reader);
    }

    public string DataDirectory { get; }

    public GatewayDatabase Database { get; }

    public VehicleRulesReader Reader { get; }

    public GeofenceRegistry Geofences { get; }

    public CurfewRegistry Curfews { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
