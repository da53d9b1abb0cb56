using RydBox.Firmware.Hardware;

namespace RydBox.Benchmarks.Sampling;

/// <summary>An alternator-charging supply voltage.</summary>
public sealed class FixedSupply(int millivolts) : ISupplyVoltage
{
    public bool TryReadMillivolts(out int value)
    {
        value = millivolts;
        return true;
    }
}
