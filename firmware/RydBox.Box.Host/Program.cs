using System.CommandLine;
using RydBox.Box.Host.Probe;
using RydBox.Box.Host.Run;

var root = new RootCommand("RydBox box on Linux: talks to a vehicle through an ELM327 adapter (serial, USB, Bluetooth or Wi-Fi), reads a GNSS receiver and delivers to an MQTT broker.");
root.Subcommands.Add(ProbeCommand.Create());
root.Subcommands.Add(RunCommand.Create());
return root.Parse(args).Invoke();
