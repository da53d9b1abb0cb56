namespace RydBox.Simulator.Elm327;

/// <summary>An adapter's current AT settings; ATZ, ATWS and ATD bring back the defaults.</summary>
internal sealed class Elm327Settings
{
    /// <summary>AT ST's default: 0x32 × 4.096 ms, about 200 ms.</summary>
    public const int DefaultTimeoutUnits = 0x32;

    /// <summary>AT ST counts in units of 4.096 ms; whole milliseconds suffice here.</summary>
    public const int MillisecondsPerTimeoutUnit = 4;

    public bool Echo { get; set; }

    public bool Linefeeds { get; set; }

    public bool Spaces { get; set; }

    public bool Headers { get; set; }

    /// <summary>AT D1: the data length code printed after the header.</summary>
    public bool ShowDataLength { get; set; }

    /// <summary>CAF1: PCI bytes added when sending and removed when printing.</summary>
    public bool CanAutoFormatting { get; set; }

    /// <summary>CFC1: flow control sent after an ECU's first frame.</summary>
    public bool CanFlowControl { get; set; }

    /// <summary>AT AT0, 1 (default) or 2.</summary>
    public int AdaptiveTiming { get; set; }

    public int TimeoutUnits { get; set; }

    /// <summary>The selected or found protocol, 1 to C; 0 while automatic and not yet found.</summary>
    public int Protocol { get; set; }

    /// <summary>SP 0 or SP Ah: search when the protocol fails; DPN prints an "A" before the number.</summary>
    public bool Automatic { get; set; }

    /// <summary>True once a request got through on <see cref="Protocol"/>; AT PC and bus failures close it again.</summary>
    public bool ProtocolOpen { get; set; }

    /// <summary>AT SH; null for the protocol's functional default (7DF, 18DB33F1).</summary>
    public uint? Header { get; set; }

    /// <summary>AT CRA; null for the default filter (the OBD response ids).</summary>
    public ReceiveFilter? Filter { get; set; }

    public void RestoreDefaults(Elm327Options options)
    {
        Echo = true;
        Linefeeds = options.LinefeedsAtReset;
        Spaces = true;
        Headers = false;
        ShowDataLength = false;
        CanAutoFormatting = true;
        CanFlowControl = true;
        AdaptiveTiming = 1;
        TimeoutUnits = DefaultTimeoutUnits;
        Protocol = 0;
        Automatic = true;
        ProtocolOpen = false;
        Header = null;
        Filter = null;
    }
}
