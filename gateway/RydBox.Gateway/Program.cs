using RydBox.Gateway.Cli;

// No command means `serve`, so one command starts a gateway on a fresh machine.
string[] arguments = args.Length == 0 || args[0].StartsWith('-') ? ["serve", .. args] : args;
return GatewayCommands.Create().Parse(arguments).Invoke();
