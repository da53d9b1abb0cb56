using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Sampling;

/// <summary>A supply voltage the test sets; null makes readings fail.</summary>
public sealed class ScriptedSupply : ISupplyVoltage
{
    public int? Millivolts { get; set; }

    public int Reads { get; private set; }

    public bool TryReadMillivolts(out int millivolts)
    {
        Reads++;
        millivolts = Millivolts ?? 0;
        return Millivolts.HasValue;
    }
}
