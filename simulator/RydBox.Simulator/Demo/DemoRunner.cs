using System.Globalization;
using Microsoft.Extensions.Logging;
using RydBox.Simulator.Fleet;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Demo;

/// <summary>
/// `rydbox-sim demo`: a gateway on its embedded defaults, a small fleet playing every scenario at
/// accelerated time with a progress line, a summary of what was stored beside what really
/// happened, and where to look next.
/// </summary>
public sealed class DemoRunner(DemoOptions options, TextWriter output, ILoggerFactory loggers)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>Exit code 0 when every box delivered everything and the gateway stored every sample; 1 otherwise.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        await using DemoGateway gateway = await DemoGateway.StartAsync(options, cancellationToken);
        output.WriteLine($"RydBox demo: gateway with its embedded broker at {gateway.BrokerAddress}, HTTP API at {gateway.ApiAddress}, data in {Path.GetFullPath(options.DataDirectory)}");
        (IReadOnlyList<(string DeviceId, string Secret)> devices, string apiKey) = await gateway.ProvisionAsync(options.Vehicles, cancellationToken);

        var world = new ScenarioWorld(options.Seed);
        (long longest, long start) = VirtualFleet.Calendar(world, ScenarioCatalog.All, devices.Count, options.Seed);
        var pace = new SimulationPace(options.Speed, options.ParkedSpeed);
        output.WriteLine(
            $"{devices.Count} virtual boxes running the real firmware, scenarios {string.Join(", ", ScenarioCatalog.All.Take(devices.Count).Select(s => s.Name))}; " +
            $"up to {Hours(longest)} of simulated time at {Factor(pace.Active)} while driving and {Factor(pace.Parked)} while parked, starting {DateTimeOffset.FromUnixTimeMilliseconds(start):yyyy-MM-dd HH:mm} UTC");

        using VirtualFleet fleet = VirtualFleet.Create(devices, ScenarioCatalog.All, gateway.BrokerAddress, world, start, pace, options.Seed, loggers.CreateLogger("RydBox.Simulator.Boxes"));
        fleet.Start();
        var progress = new ProgressLine(output, longest);
        while (!cancellationToken.IsCancellationRequested && fleet.Failure is null)
        {
            FleetProgress now = fleet.Progress();
            progress.Show(now);
            if (now.ScenariosFinished == now.Vehicles)
            {
                break;
            }

            await Task.Delay(ProgressInterval, CancellationToken.None);
        }

        output.WriteLine();
        output.WriteLine("scenarios finished; boxes deliver what they still hold and go offline");
        fleet.Stop(options.DrainTimeout);
        string truthFile = Path.Combine(options.DataDirectory, "ground-truth.jsonl");
        GroundTruthFile.Write(truthFile, fleet.Boxes.Select(b => b.Run.Truth));
        await DemoGateway.SettleDetectionAsync(CancellationToken.None);

        DemoSummary summary = DemoSummary.Collect(gateway.Database, fleet);
        SummaryWriter.Write(output, summary, gateway, apiKey, truthFile, fleet.Failure);
        bool complete = fleet.Failure is null && summary.MessagesWaiting == 0 && summary.SamplesStored == summary.SamplesMade && summary.DeadLetters == 0;
        if (options.KeepServing && !cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("The gateway keeps running so that you can explore; press Ctrl-C to stop it.");
            await gateway.WaitForShutdownAsync(cancellationToken);
        }

        return complete ? 0 : 1;
    }

    private static string Factor(double speed) => speed.ToString("0.#", CultureInfo.InvariantCulture) + "x";

    internal static string Hours(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) + " h";
}
