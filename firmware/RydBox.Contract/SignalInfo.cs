namespace RydBox.Contract;

/// <summary>What a signal id means: its stable name, its unit and how a raw wire integer becomes a value in that unit.</summary>
public sealed class SignalInfo
{
    private readonly Func<long, double> _scale;

    internal SignalInfo(int id, string name, string unit, bool known, Func<long, double> scale)
    {
        Id = id;
        Name = name;
        Unit = unit;
        IsKnown = known;
        _scale = scale;
    }

    public int Id { get; }

    /// <summary>snake_case key, e.g. "engine_rpm" or "latitude"; "pid_xx_n" / "signal_n" for ids this version does not know.</summary>
    public string Name { get; }

    /// <summary>Unit of <see cref="Scale"/>'s result; empty for counts, raw and unknown signals.</summary>
    public string Unit { get; }

    /// <summary>False for ids this library has no table row for; their value is the raw integer.</summary>
    public bool IsKnown { get; }

    public double Scale(long raw) => _scale(raw);
}
