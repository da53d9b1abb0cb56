namespace RydBox.Simulator.Boxes;

/// <summary>How a virtual box reaches its vehicle's ECUs.</summary>
public enum ObdPath
{
    /// <summary>Through an emulated ELM327 adapter, as most boxes do.</summary>
    Elm327,

    /// <summary>Straight on the CAN bus with the firmware's own ISO-TP stack.</summary>
    Can,
}
