using System.Globalization;

namespace RydBox.Benchmarks.Gateway;

/// <summary>What plays the boxes.</summary>
internal enum GeneratorChoice
{
    /// <summary>A light generator: pre-made drive batches re-timed and published at --rate-hz or flat out (the server's capacity).</summary>
    Light,

    /// <summary>The simulator's virtual boxes: the real firmware core sampling simulated vehicles through the scenarios (paced by the vehicles).</summary>
    Simulator,
}

internal enum StoreChoice
{
    Sqlite,
    Influx,
    Both,
}

/// <summary>The benchmark's settings; the orchestrator passes them on to its child processes as the same options.</summary>
internal sealed class LoadOptions
{
    public const string Usage =
        "gateway-load [--boxes N] [--seconds S] [--store sqlite|influx|both] [--rate-hz R] [--samples-per-batch K]\n" +
        "             [--phases paced,max] [--warmup S] [--windows N] [--connect-concurrency N] [--mqtt5] [--gc server|workstation]\n" +
        "             [--boxes-from light|simulator] [--sim-speed X]";

    public int Boxes { get; private set; } = 1_000;

    /// <summary>Measured seconds per phase, after the warm-up, split into <see cref="Windows"/> windows.</summary>
    public double Seconds { get; private set; } = 10;

    public double WarmupSeconds { get; private set; } = 3;

    public int Windows { get; private set; } = 5;

    public StoreChoice Store { get; private set; } = StoreChoice.Both;

    public GeneratorChoice Generator { get; private set; } = GeneratorChoice.Light;

    /// <summary>
    /// Simulated seconds per real second of the simulator's boxes. A driving box sends a batch of
    /// about ten samples every ten simulated seconds, so 10 makes it one a second, like --rate-hz 1.
    /// </summary>
    public double SimulatorSpeed { get; private set; } = 10;

    /// <summary>Batches per second per box in the paced phase.</summary>
    public double RateHz { get; private set; } = 1;

    public int SamplesPerBatch { get; private set; } = 10;

    public string[] Phases { get; private set; } = [LoadPhases.Paced, LoadPhases.Max];

    public int ConnectConcurrency { get; private set; } = 32;

    public bool Mqtt5 { get; private set; }

    /// <summary>Server GC in the server process, as rydbox-gateway's own runtimeconfig has it (Web SDK default).</summary>
    public bool ServerGc { get; private set; } = true;

    // Child processes only.
    public string? Role { get; private set; }

    public string? Target { get; private set; }

    public string Host { get; private set; } = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>Parses; null with a message on stderr when an option is unknown or out of range.</summary>
    public static LoadOptions? Parse(string[] args)
    {
        var o = new LoadOptions();
        bool explicitPhases = false;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
                switch (name)
                {
                    case "--boxes": o.Boxes = Int(Value(), name, 1, 100_000); break;
                    case "--seconds": o.Seconds = Double(Value(), name, 1, 3600); break;
                    case "--warmup": o.WarmupSeconds = Double(Value(), name, 0, 600); break;
                    case "--windows": o.Windows = Int(Value(), name, 1, 100); break;
                    case "--store":
                        o.Store = Value() switch
                        {
                            "sqlite" => StoreChoice.Sqlite,
                            "influx" => StoreChoice.Influx,
                            "both" => StoreChoice.Both,
                            var other => throw new ArgumentException($"--store {other}: sqlite, influx or both"),
                        };
                        break;
                    case "--rate-hz": o.RateHz = Double(Value(), name, 0.001, 1000); break;
                    case "--samples-per-batch": o.SamplesPerBatch = Int(Value(), name, 1, 64); break;
                    case "--phases":
                        explicitPhases = true;
                        o.Phases = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (o.Phases.Length == 0 || o.Phases.Any(p => p is not (LoadPhases.Paced or LoadPhases.Max)))
                        {
                            throw new ArgumentException("--phases: a comma-separated list of paced and max");
                        }

                        break;
                    case "--connect-concurrency": o.ConnectConcurrency = Int(Value(), name, 1, 1024); break;
                    case "--mqtt5": o.Mqtt5 = true; break;
                    case "--gc":
                        o.ServerGc = Value() switch
                        {
                            "server" => true,
                            "workstation" => false,
                            var other => throw new ArgumentException($"--gc {other}: server or workstation"),
                        };
                        break;
                    case "--boxes-from":
                        o.Generator = Value() switch
                        {
                            "light" => GeneratorChoice.Light,
                            "simulator" => GeneratorChoice.Simulator,
                            var other => throw new ArgumentException($"--boxes-from {other}: light or simulator"),
                        };
                        break;
                    case "--sim-speed": o.SimulatorSpeed = Double(Value(), name, 0.1, 3600); break;
                    case "--role": o.Role = Value(); break;
                    case "--target": o.Target = Value(); break;
                    case "--host": o.Host = Value(); break;
                    case "--port": o.Port = Int(Value(), name, 1, 65535); break;
                    default: throw new ArgumentException($"unknown option {name}");
                }
            }

            if (o.Generator == GeneratorChoice.Simulator)
            {
                // Simulated vehicles send when their firmware decides to: there is no flat-out phase to run.
                o.Phases = explicitPhases ? o.Phases : [LoadPhases.Paced];
                if (o.Phases.Contains(LoadPhases.Max))
                {
                    throw new ArgumentException("--phases max: the simulator's boxes send at their vehicles' pace; use --boxes-from light for the server's capacity");
                }
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: RydBox.Benchmarks " + Usage);
            return null;
        }

        return o;
    }

    /// <summary>The options a child process needs, in the form <see cref="Parse"/> reads.</summary>
    public List<string> ChildArguments(string role)
    {
        return
        [
            "--role", role,
            "--boxes", Text(Boxes),
            "--seconds", Text(Seconds),
            "--warmup", Text(WarmupSeconds),
            "--windows", Text(Windows),
            "--rate-hz", Text(RateHz),
            "--samples-per-batch", Text(SamplesPerBatch),
            "--connect-concurrency", Text(ConnectConcurrency),
            "--gc", ServerGc ? "server" : "workstation",
            "--boxes-from", Generator == GeneratorChoice.Simulator ? "simulator" : "light",
            "--sim-speed", Text(SimulatorSpeed),
            "--phases", string.Join(',', Phases),
            .. Mqtt5 ? new[] { "--mqtt5" } : [],
        ];
    }

    public static string DeviceId(int box) => $"box-{box:D5}";

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Int(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} {text}: a whole number from {min} to {max}");

    private static double Double(string text, string name, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} {text}: a number from {min} to {max}");
}

internal static class LoadPhases
{
    /// <summary>Every box publishes at --rate-hz, on its own schedule; latency counts from the scheduled time.</summary>
    public const string Paced = "paced";

    /// <summary>Every box publishes its next batch as soon as the last one is acknowledged: the server's capacity.</summary>
    public const string Max = "max";
}
