using RydBox.Firmware.Gnss;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Firmware.Events
{
    /// <summary>
    /// What one sampling cycle saw, as the detectors need it. Filled by the sampler (or by whoever
    /// drives <see cref="OnBoxEvents"/>) and reused: <see cref="Clear"/> before each cycle.
    /// </summary>
    public sealed class EventInputs
    {
        /// <summary>Monotonic time of the cycle (<c>IClock</c>), ms.</summary>
        public long NowMs;

        /// <summary>Some OBD request went out this cycle.</summary>
        public bool ObdAsked;

        /// <summary>Some ECU answered a request of this cycle.</summary>
        public bool ObdAnswered;

        public bool HasRpm;
        public int Rpm;

        public bool HasSupplyVoltage;
        public int SupplyMillivolts;

        /// <summary>The latest GNSS statement, or null when there is none.</summary>
        public GnssFix? Fix;

        /// <summary>Set when <see cref="Dtcs"/> holds a complete stored-DTC read made this cycle.</summary>
        public bool DtcsRead;
        public TroubleCodes? Dtcs;

        public void Clear()
        {
            NowMs = 0;
            ObdAsked = false;
            ObdAnswered = false;
            HasRpm = false;
            Rpm = 0;
            HasSupplyVoltage = false;
            SupplyMillivolts = 0;
            Fix = null;
            DtcsRead = false;
            Dtcs = null;
        }
    }
}
