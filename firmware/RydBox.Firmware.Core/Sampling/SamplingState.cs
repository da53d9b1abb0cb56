namespace RydBox.Firmware.Sampling
{
    /// <summary>The sampler's rate state; see <see cref="SamplingOptions"/> for the intervals.</summary>
    public enum SamplingState
    {
        /// <summary>Ignition on and moving: every tier at the driving rate.</summary>
        Driving = 0,

        /// <summary>Ignition on, standing still for a while: the same polling, slower.</summary>
        Idle = 1,

        /// <summary>Ignition off: no OBD polling at all (ECUs must sleep); GNSS and voltage only, slowly.</summary>
        Parked = 2,

        /// <summary>Ignition off for long: the board sleeps between rare wake-ups for GNSS, voltage and an ignition check.</summary>
        Standby = 3,
    }
}
