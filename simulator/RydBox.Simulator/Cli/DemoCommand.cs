using System.CommandLine;
using Microsoft.Extensions.Logging;
using RydBox.Simulator.Demo;

namespace RydBox.Simulator.Cli;

/// <summary>`rydbox-sim demo`: the whole system on one machine, with no setup.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var defaults = new DemoOptions();
        var vehicles = new Option<int>("--vehicles") { Description = "Virtual vehicles, each playing the next scenario in turn.", DefaultValueFactory = _ => defaults.Vehicles };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second while a vehicle drives.", DefaultValueFactory = _ => defaults.Speed };
        var parkedSpeed = new Option<double>("--parked-speed") { Description = "Simulated seconds per real second while a vehicle stands parked.", DefaultValueFactory = _ => defaults.ParkedSpeed };
        var seed = new Option<int>("--seed") { Description = "Seed of the road network, the vehicles and the scenarios.", DefaultValueFactory = _ => defaults.Seed };
        var dataDir = new Option<string>("--data-dir") { Description = "The gateway's data directory; kept afterwards.", DefaultValueFactory = _ => defaults.DataDirectory };
        var brokerPort = new Option<int>("--broker-port") { Description = "Port of the gateway's embedded MQTT broker on 127.0.0.1.", DefaultValueFactory = _ => defaults.BrokerPort };
        var apiPort = new Option<int>("--api-port") { Description = "Port of the gateway's HTTP API on 127.0.0.1.", DefaultValueFactory = _ => defaults.ApiPort };
        var exit = new Option<bool>("--exit") { Description = "Stop the gateway after the summary instead of serving until Ctrl-C." };
        var command = new Command("demo", "Start a gateway on its embedded defaults and run a small fleet of virtual boxes through every scenario at accelerated time.")
        {
            vehicles, speed, parkedSpeed, seed, dataDir, brokerPort, apiPort, exit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DemoOptions
            {
                Vehicles = parse.GetValue(vehicles),
                Speed = parse.GetValue(speed),
                ParkedSpeed = parse.GetValue(parkedSpeed),
                Seed = parse.GetValue(seed),
                DataDirectory = parse.GetValue(dataDir)!,
                BrokerPort = parse.GetValue(brokerPort),
                ApiPort = parse.GetValue(apiPort),
                KeepServing = !parse.GetValue(exit),
            };
            if (options.Vehicles < 1 || !(options.Speed > 0) || !(options.ParkedSpeed > 0))
            {
                await Console.Error.WriteLineAsync("--vehicles must be at least 1, --speed and --parked-speed positive");
                return 2;
            }

            using ILoggerFactory loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            try
            {
                return await new DemoRunner(options, Console.Out, loggers).RunAsync(cancellationToken);
            }
            catch (DemoException e)
            {
                await Console.Error.WriteLineAsync($"demo: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
