namespace RydBox.Simulator.Demo;

/// <summary>What `rydbox-sim demo` runs; every value has a default, so the bare command works on a fresh machine.</summary>
public sealed record DemoOptions
{
    /// <summary>Vehicles, each playing the next scenario of the catalogue in turn.</summary>
    public int Vehicles { get; init; } = 9;

    /// <summary>Simulated seconds per real second while a vehicle drives (or anything else happens).</summary>
    public double Speed { get; init; } = 120;

    /// <summary>Simulated seconds per real second while a vehicle stands parked.</summary>
    public double ParkedSpeed { get; init; } = 3600;

    public int Seed { get; init; } = 1;

    /// <summary>The gateway's data directory (database, ground truth); kept afterwards for exploring.</summary>
    public string DataDirectory { get; init; } = "rydbox-demo";

    public int BrokerPort { get; init; } = 1883;

    public int ApiPort { get; init; } = 5080;

    /// <summary>Keep the gateway serving after the summary until Ctrl-C, so the printed URLs work.</summary>
    public bool KeepServing { get; init; } = true;

    /// <summary>Longest real wait for boxes to deliver what they still hold at the end.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
