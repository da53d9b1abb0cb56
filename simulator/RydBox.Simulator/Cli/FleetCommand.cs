using System.CommandLine;
using Microsoft.Extensions.Logging;
using RydBox.Simulator.Fleet;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Cli;

/// <summary>`rydbox-sim fleet`: virtual boxes against any gateway's broker, logged in as devices registered there.</summary>
internal static class FleetCommand
{
    private const int UsageError = 2;

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var vehicles = new Option<int?>("--vehicles") { Description = "Boxes to run (default: every device in --devices)." };
        var broker = new Option<string>("--broker") { Description = "The gateway's broker: mqtt://host:port.", Required = true };
        var devices = new Option<string>("--devices") { Description = "File of 'device-id,secret' lines, one per box, as registered at the gateway.", Required = true };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second while a vehicle drives.", DefaultValueFactory = _ => 1 };
        var parkedSpeed = new Option<double?>("--parked-speed") { Description = "Simulated seconds per real second while parked (default: --speed)." };
        var scenarios = new Option<string?>("--scenarios") { Description = $"Comma-separated scenarios played in turn (default: all: {string.Join(",", ScenarioCatalog.All.Select(s => s.Name))})." };
        var seed = new Option<int>("--seed") { Description = "Seed of the roads, vehicles and scenarios.", DefaultValueFactory = _ => 1 };
        var truth = new Option<string?>("--truth") { Description = "Where to write the ground truth (JSON lines) at the end." };
        var command = new Command("fleet", "Run virtual boxes through the scenarios against a gateway's broker until every scenario is over (or Ctrl-C), printing throughput and the simulator's own cost.")
        {
            vehicles, broker, devices, speed, parkedSpeed, scenarios, seed, truth,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<(string DeviceId, string Secret)> accounts;
            IReadOnlyList<ScenarioDefinition> plays;
            Uri brokerAddress;
            try
            {
                accounts = DeviceFile.Read(parse.GetValue(devices)!);
                plays = Scenarios(parse.GetValue(scenarios));
                brokerAddress = new Uri(parse.GetValue(broker)!);
                _ = new Box.Host.Mqtt.MqttLinkOptions(brokerAddress);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UriFormatException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"fleet: {e.Message}");
                return UsageError;
            }

            int count = parse.GetValue(vehicles) ?? accounts.Count;
            double active = parse.GetValue(speed);
            double parked = parse.GetValue(parkedSpeed) ?? active;
            if (count < 1 || count > accounts.Count || !(active > 0) || !(parked > 0))
            {
                await Console.Error.WriteLineAsync($"fleet: --vehicles must be between 1 and the {accounts.Count} devices in the file, the speeds positive");
                return UsageError;
            }

            using ILoggerFactory loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var world = new ScenarioWorld(parse.GetValue(seed));
            (_, long start) = VirtualFleet.Calendar(world, plays, count, parse.GetValue(seed));
            var latency = new PublishLatency();
            using VirtualFleet fleet = VirtualFleet.Create(
                accounts.Take(count).ToList(), plays, brokerAddress, world, start, new SimulationPace(active, parked), parse.GetValue(seed), loggers.CreateLogger("RydBox.Simulator.Fleet"), latency);
            Console.WriteLine($"fleet: {count} boxes against {brokerAddress}, scenarios {string.Join(", ", plays.Select(p => p.Name))}, {active}x driving, {parked}x parked");
            fleet.Start();
            var report = new FleetReport(Console.Out, latency);
            while (!cancellationToken.IsCancellationRequested && fleet.Failure is null && fleet.Progress().ScenariosFinished < count)
            {
                try
                {
                    await Task.Delay(ReportInterval, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                report.Write(fleet.Progress());
            }

            fleet.Stop(TimeSpan.FromSeconds(30));
            FleetProgress final = fleet.Progress();
            report.Write(final);
            if (parse.GetValue(truth) is string truthFile)
            {
                GroundTruthFile.Write(truthFile, fleet.Boxes.Select(b => b.Run.Truth));
            }

            return fleet.Failure is null && final.MessagesWaiting == 0 ? 0 : 1;
        });
        return command;
    }

    private static IReadOnlyList<ScenarioDefinition> Scenarios(string? names) => names is null
        ? ScenarioCatalog.All
        : names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => ScenarioCatalog.Find(n) ?? throw new ArgumentException($"no scenario '{n}'; there are {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}"))
            .ToList();
}
