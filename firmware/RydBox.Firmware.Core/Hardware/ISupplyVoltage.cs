namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// The vehicle's supply voltage at the box (OBD pin 16), measured without any traffic on the
    /// vehicle bus, so it can be read while the ECUs sleep.
    /// </summary>
    public interface ISupplyVoltage
    {
        /// <summary>False when no voltage could be measured (adapter silent or unplugged).</summary>
        bool TryReadMillivolts(out int millivolts);
    }
}
