using RydBox.Simulator.Cli;

return SimulatorCommands.Create().Parse(args).Invoke();
