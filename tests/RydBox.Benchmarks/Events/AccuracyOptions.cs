using System.Globalization;

namespace RydBox.Benchmarks.Events;

/// <summary>The event-accuracy benchmark's settings (see README.md).</summary>
internal sealed record AccuracyOptions
{
    public const string Usage =
        "event-accuracy [--seeds N] [--nights N] [--parallel N] [--world-seed N] [--sim-speed X] [--parked-speed X] [--scenarios a,b,...]";

    /// <summary>Seeds per catalogue scenario (part a).</summary>
    public int Seeds { get; init; } = 4;

    /// <summary>Parked vehicle-nights with GNSS drift (part b); the goal asks for at least 1,000.</summary>
    public int Nights { get; init; } = 1_000;

    /// <summary>Drives playing at once (parked nights: four times as many, as they mostly wait).</summary>
    public int Parallel { get; init; } = Math.Max(4, 3 * Environment.ProcessorCount);

    /// <summary>Seed of the road network every vehicle shares.</summary>
    public int WorldSeed { get; init; } = 7;

    /// <summary>
    /// Simulated seconds per real second while something happens. The box samples every simulated
    /// second while driving, so this must stay low enough that its sampling keeps up (the report prints
    /// the intervals it achieved).
    /// </summary>
    public double ActiveSpeed { get; init; } = 150;

    /// <summary>Simulated seconds per real second while parked (a parked box samples every minute or five).</summary>
    public double ParkedSpeed { get; init; } = 50_000;

    /// <summary>Only these catalogue scenarios in part a (all when empty).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>The options, or null after printing what is wrong.</summary>
    public static AccuracyOptions? Parse(string[] args)
    {
        var options = new AccuracyOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                return Fail($"{name} needs a value");
            }

            string value = args[++i];
            try
            {
                options = name switch
                {
                    "--seeds" => options with { Seeds = AtLeast(0, int.Parse(value, CultureInfo.InvariantCulture), name) },
                    "--nights" => options with { Nights = AtLeast(0, int.Parse(value, CultureInfo.InvariantCulture), name) },
                    "--parallel" => options with { Parallel = AtLeast(1, int.Parse(value, CultureInfo.InvariantCulture), name) },
                    "--world-seed" => options with { WorldSeed = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--sim-speed" => options with { ActiveSpeed = Positive(double.Parse(value, CultureInfo.InvariantCulture), name) },
                    "--parked-speed" => options with { ParkedSpeed = Positive(double.Parse(value, CultureInfo.InvariantCulture), name) },
                    "--scenarios" => options with { Scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException e)
            {
                return Fail(e.Message);
            }
        }

        return options;
    }

    private static int AtLeast(int least, int value, string name) =>
        value >= least ? value : throw new FormatException($"{name} must be at least {least}");

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new FormatException($"{name} must be positive");

    private static AccuracyOptions? Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("usage: " + Usage);
        return null;
    }
}
