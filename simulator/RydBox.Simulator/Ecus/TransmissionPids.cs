using static RydBox.Simulator.Ecus.PidEncoding;

namespace RydBox.Simulator.Ecus;

/// <summary>The transmission ECU's mode 01 table: the few PIDs a gearbox controller reports.</summary>
public static class TransmissionPids
{
    /// <summary>PID A4 byte A bit 1: the actual gear (byte B, bits 7-4) and its ratio (C-D) are supported.</summary>
    private const byte ActualGearSupported = 0x02;

    private const int GearShift = 4;
    private const int HighestGearCode = 0xF;

    /// <summary>A six-speed gearbox, first gear first; the ratio of gear n is at index n − 1.</summary>
    public static IReadOnlyList<double> SixSpeedRatios { get; } = [3.54, 2.05, 1.38, 1.03, 0.85, 0.69];

    public static IReadOnlyList<PidRow> Rows(IReadOnlyList<double> gearRatios) =>
    [
        new(0x01, "monitor_status", 4, MonitorStatus.Encode),
        new(0x0D, "vehicle_speed", 1, i => Unsigned(i.Vehicle.SpeedKmh, 1, 0, 1)),
        new(0x1C, "obd_standard", 1, _ => [EnginePids.EuropeanObd]),
        new(0xA4, "transmission_gear", 4, i => ActualGear(i.Vehicle.Gear, gearRatios)),
    ];

    private static byte[] ActualGear(int gear, IReadOnlyList<double> gearRatios)
    {
        int code = Math.Clamp(gear, 0, HighestGearCode);
        double ratio = code >= 1 && code <= gearRatios.Count ? gearRatios[code - 1] : 0;
        byte[] ratioBytes = Unsigned(ratio, 0.001, 0, 2);
        return [ActualGearSupported, (byte)(code << GearShift), ratioBytes[0], ratioBytes[1]];
    }
}
