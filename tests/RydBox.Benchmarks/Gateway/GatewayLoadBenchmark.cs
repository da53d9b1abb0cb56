namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// gateway-load: sustained samples/s from many boxes through the broker into SQLite and InfluxDB,
/// publish-to-committed latency, CPU and memory, beside a do-nothing subscriber in the same run.
/// See Gateway/README.md. Without --role this process orchestrates; with it, it is the server or
/// the box generator the orchestrator started.
/// </summary>
public static class GatewayLoadBenchmark
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        if (LoadOptions.Parse(args) is not LoadOptions options)
        {
            return 2;
        }

        return options.Role switch
        {
            null => await LoadOrchestrator.RunAsync(options),
            "server" => await LoadServer.RunAsync(options),
            "generator" when options.Generator == GeneratorChoice.Simulator => await SimulatedBoxFleet.RunAsync(options),
            "generator" => await BoxFleet.RunAsync(options),
            var other => Unknown(other),
        };
    }

    private static int Unknown(string role)
    {
        Console.Error.WriteLine($"unknown --role {role}");
        return 2;
    }
}
