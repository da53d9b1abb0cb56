namespace RydBox.Simulator.Elm327;

/// <summary>How the emulated adapter presents itself and how long its slow steps take.</summary>
public sealed record Elm327Options
{
    /// <summary>The version ATZ and ATI print after "ELM327 ": v1.5 is what nearly every clone claims; v2.1 and v2.3 are later genuine chips.</summary>
    public string Version { get; init; } = "v1.5";

    /// <summary>What AT@1 prints (the device description).</summary>
    public string Description { get; init; } = "OBDII to RS232 Interpreter";

    /// <summary>Linefeeds after each CR from reset on (pin 7 of the chip); most adapters start without.</summary>
    public bool LinefeedsAtReset { get; init; }

    /// <summary>How long the automatic protocol search takes before the vehicle's CAN bus answers.</summary>
    public int SearchSucceedsAfterMs { get; init; } = 300;

    /// <summary>How long the automatic search tries every protocol before "UNABLE TO CONNECT" (ignition off).</summary>
    public int SearchFailsAfterMs { get; init; } = 3000;

    /// <summary>
    /// The shortest answer timeout adaptive timing (AT1, the default) comes down to when the ECUs
    /// answer at once; it never exceeds the AT ST timeout.
    /// </summary>
    public int AdaptiveTimeoutFloorMs { get; init; } = 50;

    /// <summary>The same for aggressive adaptive timing (AT2).</summary>
    public int AggressiveAdaptiveTimeoutFloorMs { get; init; } = 20;

    /// <summary>Longest command line the adapter takes; a longer one is answered with "?".</summary>
    public int MaxCommandLength { get; init; } = 128;

    /// <summary>ATZ's, ATWS's and ATI's answer: "ELM327 v1.5".</summary>
    public string Identity => $"ELM327 {Version}";
}
