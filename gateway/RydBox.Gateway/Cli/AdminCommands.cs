using System.CommandLine;

namespace RydBox.Gateway.Cli;

/// <summary>tenants, devices, keys and the mosquitto export.</summary>
public static class AdminCommands
{
    public static IEnumerable<Command> Create() => [];
}
