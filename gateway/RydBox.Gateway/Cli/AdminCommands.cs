using System.CommandLine;

namespace RydBox.Gateway.Cli;

/// <summary>tenants, devices, keys and the mosquitto export.</summary>
public static class AdminCommands
{
    /// <summary>Exit codes: 0 done, 1 usage or validation error, 2 not found (tenant, device, key or the database).</summary>
    public static IEnumerable<Command> Create() =>
    [
        AdminTenantCommands.Create(),
        AdminDeviceCommands.Create(),
        AdminKeyCommands.Create(),
        AdminExportCommand.Create(),
    ];
}
