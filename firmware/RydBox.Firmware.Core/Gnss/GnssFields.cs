using System;

namespace RydBox.Firmware.Gnss
{
    /// <summary>Which values of a <see cref="GnssFix"/> the receiver has stated.</summary>
    [Flags]
    public enum GnssFields
    {
        None = 0,
        Time = 1 << 0,
        Date = 1 << 1,
        Status = 1 << 2,
        Quality = 1 << 3,
        FixMode = 1 << 4,
        Position = 1 << 5,
        Speed = 1 << 6,
        Course = 1 << 7,
        Altitude = 1 << 8,
        Hdop = 1 << 9,
        Pdop = 1 << 10,
        Vdop = 1 << 11,
        Satellites = 1 << 12,
        PositionMode = 1 << 13
    }
}
