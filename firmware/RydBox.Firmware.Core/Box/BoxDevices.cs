using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// The hardware a box runtime drives, bound by the board layer (ESP32) or the Linux host.
    /// Exactly one vehicle path is set: an ELM327 byte stream or a CAN port.
    /// </summary>
    public sealed class BoxDevices
    {
        public IByteStream? Elm327;
        public ICanPort? Can;

        /// <summary>NMEA 0183 from the GNSS receiver; null on a box without one.</summary>
        public IByteStream? Gnss;

        /// <summary>The board's own supply measurement; null uses the ELM327's ATRV when there is an ELM327.</summary>
        public ISupplyVoltage? SupplyVoltage;

        /// <summary>An accelerometer that wakes a parked box on motion; null samples on the clock alone.</summary>
        public IMotionSensor? Motion;

        public IKeyValueStore Store = null!;
        public IMqttLink Mqtt = null!;
        public IClock Clock = null!;
        public IWallClock WallClock = null!;

        /// <summary>Why the box started, as the board can tell (sent with the reboot event).</summary>
        public string ResetReason = "unknown";

        public string FirmwareVersion = "0.0.0";
    }
}
