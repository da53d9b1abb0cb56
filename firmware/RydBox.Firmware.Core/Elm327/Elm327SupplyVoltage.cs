using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// The supply voltage as the ELM327 measures it (ATRV). ATRV is answered by the adapter's own
    /// ADC and sends nothing on the vehicle bus, so it never wakes an ECU. Share the link with the
    /// transport only from one thread.
    /// </summary>
    public sealed class Elm327SupplyVoltage : ISupplyVoltage
    {
        private readonly Elm327Link _link;

        public Elm327SupplyVoltage(Elm327Link link)
        {
            _link = link;
        }

        public bool TryReadMillivolts(out int millivolts)
        {
            millivolts = Elm327Battery.ReadMillivolts(_link);
            return millivolts >= 0;
        }
    }
}
