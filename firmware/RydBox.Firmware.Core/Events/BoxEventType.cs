namespace RydBox.Firmware.Events
{
    /// <summary>What the box itself noticed. The numbers are the wire codes: never renumber.</summary>
    public enum BoxEventType
    {
        IgnitionOn = 1,
        IgnitionOff = 2,

        /// <summary>Ignition off and the vehicle moving: it is being towed or carried.</summary>
        TowAlarmStarted = 3,
        TowAlarmEnded = 4,

        /// <summary>A DTC appeared; <see cref="BoxEvent.Detail"/> holds the code, e.g. "P0301".</summary>
        DtcSet = 5,

        /// <summary>A DTC is no longer reported; Detail holds the code.</summary>
        DtcCleared = 6,

        /// <summary>Supply voltage below the low-battery level; Value holds millivolts.</summary>
        LowBattery = 7,

        GnssFixLost = 8,
        GnssFixRegained = 9,

        /// <summary>The box started; Detail holds the reset reason the board reports.</summary>
        Reboot = 10,

        /// <summary>Supply voltage collapsed (box unplugged or battery disconnected); Value holds millivolts.</summary>
        PowerLoss = 11,

        /// <summary>The outbox was full and dropped its oldest messages; Value holds how many.</summary>
        OutboxDropped = 12,
    }
}
