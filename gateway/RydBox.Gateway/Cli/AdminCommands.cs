using System.CommandLine;

namespace RydBox.Gateway.Cli;

/// <summary>tenants, devices (with `devices erase`), keys, the mosquitto export and retention.</summary>
public static class AdminCommands
{
    /// <summary>Exit codes: 0 done, 1 usage or validation error, 2 not found (tenant, device, key or the database).</summary>
    public static IEnumerable<Command> Create()
    {
        Command devices = AdminDeviceCommands.Create();
        devices.Subcommands.Add(AdminPrivacyCommands.Erase(devices));
        return
        [
            AdminTenantCommands.Create(),
            devices,
            AdminKeyCommands.Create(),
            AdminExportCommand.Create(),
            AdminPrivacyCommands.Retention(),
            .. AdminEventCommands.Create(),
        ];
    }
}
