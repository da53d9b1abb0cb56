using System.CommandLine;

namespace RydBox.Gateway.Cli;

/// <summary>The `rydbox-gateway` command line: serving, and the administration and query commands.</summary>
public static class GatewayCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("RydBox gateway: ingest from boxes over MQTT, store telemetry, manage devices and answer fleet queries.");
        Command serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        foreach (Command command in AdminCommands.Create().Concat(QueryCommand.Create()))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
