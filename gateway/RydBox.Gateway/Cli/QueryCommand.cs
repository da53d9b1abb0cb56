using System.CommandLine;

namespace RydBox.Gateway.Cli;

/// <summary>`query`: the fleet query API for people at a terminal.</summary>
public static class QueryCommand
{
    public static IEnumerable<Command> Create() => [];
}
