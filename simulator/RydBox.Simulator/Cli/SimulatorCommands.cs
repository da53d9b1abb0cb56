using System.CommandLine;

namespace RydBox.Simulator.Cli;

/// <summary>The `rydbox-sim` command line: demo, fleet and the ELM327 emulator.</summary>
public static class SimulatorCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("RydBox simulator: virtual vehicles running the real box firmware, an ELM327 emulator, the demo and fleet load.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(Elm327Command.Create());
        root.Subcommands.Add(FleetCommand.Create());
        return root;
    }
}
