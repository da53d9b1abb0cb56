namespace RydBox.Box.Host.Probe;

/// <summary>Everything the probe learnt about an adapter and the vehicle behind it.</summary>
public sealed record ProbeReport
{
    public required string Adapter { get; init; }

    /// <summary>The serial bit rate that worked; null over TCP.</summary>
    public int? BaudRate { get; set; }

    public string? Identity { get; set; }

    public string? Description { get; set; }

    public string? Protocol { get; set; }

    public double? BatteryVolts { get; set; }

    public string? Vin { get; set; }

    public List<string> CalibrationIds { get; } = [];

    public List<ProbeDtc> Dtcs { get; } = [];

    public List<ProbeEcu> Ecus { get; } = [];

    /// <summary>Set when the probe could not finish: what went wrong, and what to try.</summary>
    public ProbeProblem? Problem { get; set; }
}

public sealed record ProbeEcu(string Id, List<string> SupportedPids, List<ProbeReading> Readings);

public sealed record ProbeReading(string Pid, string Name, double Value, string Unit);

/// <summary>A trouble code; Kind is stored, pending or permanent (modes 03, 07, 0A).</summary>
public sealed record ProbeDtc(string Code, string Kind, string Ecu);

public sealed record ProbeProblem(ProbeOutcome Outcome, string Message, string Hint);

/// <summary>The probe's result, which is also its exit code.</summary>
public enum ProbeOutcome
{
    Ok = 0,
    UsageError = 1,
    AdapterUnreachable = 2,
    AdapterSilent = 3,
    NoVehicle = 4,
}
