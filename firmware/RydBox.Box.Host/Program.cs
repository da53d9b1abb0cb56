using System.CommandLine;
using RydBox.Box.Host.Probe;

var root = new RootCommand("RydBox box on Linux: talks to a vehicle through an ELM327 adapter (serial, USB, Bluetooth or Wi-Fi).");
root.Subcommands.Add(ProbeCommand.Create());
return root.Parse(args).Invoke();
