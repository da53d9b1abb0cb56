using static RydBox.Firmware.Obd.Pids.PidRowBuilder;

namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>
    /// Mode 01 PIDs 80–C0 (SAE J1979, heavy-duty and newer PIDs). Rows without signals are kept
    /// only for their length, so a multi-PID response can be walked past them. Left out because
    /// their length differs between J1979 revisions: 83, 8F, 98, 99, 9A, 9D, A1; 95–97 are reserved.
    /// </summary>
    internal static class PidRows80ToC0
    {
        public static PidDefinition[] Build()
        {
            return new PidDefinition[]
            {
                Bitmap(0x80, "PIDs supported [81-A0]"),
                Row(0x81, "Engine run time for AECD #1-#5", 21),
                Row(0x82, "Engine run time for AECD #6-#10", 21),
                Row(0x84, "Manifold surface temperature", 1, Temperature("manifold_surface_temp", 0)),
                Row(0x85, "NOx reagent system", 10,
                    Raw("nox_reagent_supported", 0, 1),
                    Unsigned("reagent_rate", "L/h", 1, 2, 0.005, 0),
                    Unsigned("reagent_demand", "L/h", 3, 2, 0.005, 0),
                    Percent("reagent_level", 5),
                    Unsigned("nwi_time", "s", 6, 4, 1, 0)),
                Row(0x86, "Particulate matter sensor", 5,
                    Raw("pm_sensor_supported", 0, 1),
                    Unsigned("pm_b1", "mg/m³", 1, 2, 0.0125, 0),
                    Unsigned("pm_b2", "mg/m³", 3, 2, 0.0125, 0)),
                Row(0x87, "Intake manifold absolute pressure A and B", 5,
                    Raw("intake_map_sensors_supported", 0, 1),
                    Unsigned("intake_map_a", "kPa", 1, 2, 1.0 / 32, 0),
                    Unsigned("intake_map_b", "kPa", 3, 2, 1.0 / 32, 0)),
                Row(0x88, "SCR inducement system", 13),
                Row(0x89, "Engine run time for AECD #11-#15", 41),
                Row(0x8A, "Engine run time for AECD #16-#20", 41),
                Row(0x8B, "Diesel aftertreatment", 7),
                Row(0x8C, "O2 sensor (wide range)", 17),
                Row(0x8D, "Throttle position G", 1, Percent("throttle_position_g", 0)),
                Row(0x8E, "Engine friction percent torque", 1, TorquePercent("friction_torque_percent", 0)),
                Row(0x90, "WWH-OBD vehicle OBD system information", 3),
                Row(0x91, "WWH-OBD ECU OBD system information", 5),
                Row(0x92, "Fuel system control", 2, Raw("fuel_system_control", 0, 2)),
                Row(0x93, "WWH-OBD vehicle OBD counters support", 3),
                Row(0x94, "NOx warning and inducement system", 12),
                Row(0x9B, "Diesel exhaust fluid sensor data", 4),
                Row(0x9C, "O2 sensor data", 17),
                Row(0x9E, "Engine exhaust flow rate", 2, Unsigned("exhaust_flow_rate", "kg/h", 0, 2, 0.2, 0)),
                Row(0x9F, "Fuel system percentage use", 9),
                Bitmap(0xA0, "PIDs supported [A1-C0]"),
                Row(0xA2, "Cylinder fuel rate", 2, Unsigned("cylinder_fuel_rate", "mg/stroke", 0, 2, 1.0 / 32, 0)),
                Row(0xA3, "Evap system vapor pressure (multi-sensor)", 9),
                Row(0xA4, "Transmission actual gear", 4,
                    Raw("transmission_gear_supported", 0, 1),
                    BitField("transmission_gear", "count", 1, 4, 4),
                    Unsigned("transmission_gear_ratio", "ratio", 2, 2, 0.001, 0)),
                Row(0xA5, "Commanded diesel exhaust fluid dosing", 4),
                Row(0xA6, "Odometer", 4, Unsigned("odometer", "km", 0, 4, 0.1, 0)),
                Bitmap(0xC0, "PIDs supported [C1-E0]"),
            };
        }
    }
}
