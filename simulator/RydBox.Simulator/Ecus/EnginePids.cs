using static RydBox.Simulator.Ecus.PidEncoding;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// The engine ECU's mode 01 table: every PID the box firmware polls, plus monitor status and the
/// OBD standard. A new PID is a new row; the supported-PID bitmaps follow from the rows.
/// </summary>
public static class EnginePids
{
    /// <summary>PID 1C value 6: EOBD, the European standard.</summary>
    public const byte EuropeanObd = 6;

    public static IReadOnlyList<PidRow> Rows { get; } =
    [
        new(0x01, "monitor_status", 4, MonitorStatus.Encode),
        new(0x04, "engine_load", 1, i => Percent(i.Vehicle.EngineLoadPercent)),
        new(0x05, "coolant_temp", 1, i => Temperature(i.Vehicle.CoolantCelsius)),
        new(0x0B, "intake_map", 1, i => Unsigned(i.Vehicle.ManifoldPressureKpa, 1, 0, 1)),
        new(0x0C, "engine_rpm", 2, i => Unsigned(i.Vehicle.EngineRpm, 0.25, 0, 2)),
        new(0x0D, "vehicle_speed", 1, i => Unsigned(i.Vehicle.SpeedKmh, 1, 0, 1)),
        new(0x0F, "intake_air_temp", 1, i => Temperature(i.Vehicle.IntakeAirCelsius)),
        new(0x10, "maf_air_flow", 2, i => Unsigned(i.Vehicle.MassAirFlowGramsPerSecond, 0.01, 0, 2)),
        new(0x11, "throttle_position", 1, i => Percent(i.Vehicle.ThrottlePercent)),
        new(0x1C, "obd_standard", 1, _ => [EuropeanObd]),
        new(0x2F, "fuel_level", 1, i => Percent(i.Vehicle.FuelLevelPercent)),
        new(0x42, "control_module_voltage", 2, i => Unsigned(i.Vehicle.BatteryVolts, 0.001, 0, 2)),
        new(0x46, "ambient_air_temp", 1, i => Temperature(i.Vehicle.AmbientCelsius)),
        new(0x5C, "oil_temp", 1, i => Temperature(i.Vehicle.OilCelsius)),
        new(0xA6, "odometer", 4, i => Unsigned(i.Vehicle.OdometerKm, 0.1, 0, 4)),
    ];
}
