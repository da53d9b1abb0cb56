using static RydBox.Firmware.Obd.Pids.PidRowBuilder;

namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>Mode 01 PIDs 00–3F (SAE J1979).</summary>
    internal static class PidRows00To3F
    {
        public static PidDefinition[] Build()
        {
            return new PidDefinition[]
            {
                Bitmap(0x00, "PIDs supported [01-20]"),
                Row(0x01, "Monitor status since DTCs cleared", 4, Raw("monitor_status", 0, 4)),
                Row(0x02, "DTC that caused freeze frame", 2, Raw("freeze_dtc", 0, 2)),
                Row(0x03, "Fuel system status", 2, Raw("fuel_system_status", 0, 2)),
                Row(0x04, "Calculated engine load", 1, Percent("engine_load", 0)),
                Row(0x05, "Engine coolant temperature", 1, Temperature("coolant_temp", 0)),
                Row(0x06, "Short term fuel trim bank 1", 1, Trim("short_fuel_trim_b1", 0)),
                Row(0x07, "Long term fuel trim bank 1", 1, Trim("long_fuel_trim_b1", 0)),
                Row(0x08, "Short term fuel trim bank 2", 1, Trim("short_fuel_trim_b2", 0)),
                Row(0x09, "Long term fuel trim bank 2", 1, Trim("long_fuel_trim_b2", 0)),
                Row(0x0A, "Fuel pressure (gauge)", 1, Unsigned("fuel_pressure", "kPa", 0, 1, 3, 0)),
                Row(0x0B, "Intake manifold absolute pressure", 1, Unsigned("intake_map", "kPa", 0, 1, 1, 0)),
                Row(0x0C, "Engine speed", 2, Unsigned("engine_rpm", "rpm", 0, 2, 0.25, 0)),
                Row(0x0D, "Vehicle speed", 1, Unsigned("vehicle_speed", "km/h", 0, 1, 1, 0)),
                Row(0x0E, "Timing advance before TDC", 1, Unsigned("timing_advance", "°", 0, 1, 0.5, -64)),
                Row(0x0F, "Intake air temperature", 1, Temperature("intake_air_temp", 0)),
                Row(0x10, "Mass air flow rate", 2, Unsigned("maf_air_flow", "g/s", 0, 2, 0.01, 0)),
                Row(0x11, "Throttle position", 1, Percent("throttle_position", 0)),
                Row(0x12, "Commanded secondary air status", 1, Raw("secondary_air_status", 0, 1)),
                Row(0x13, "Oxygen sensors present (2 banks)", 1, Raw("o2_sensors_present", 0, 1)),
                // 14-1B are named by the 2-bank layout of PID 13, the common case.
                NarrowO2(0x14, "b1s1"),
                NarrowO2(0x15, "b1s2"),
                NarrowO2(0x16, "b1s3"),
                NarrowO2(0x17, "b1s4"),
                NarrowO2(0x18, "b2s1"),
                NarrowO2(0x19, "b2s2"),
                NarrowO2(0x1A, "b2s3"),
                NarrowO2(0x1B, "b2s4"),
                Row(0x1C, "OBD standard the vehicle conforms to", 1, Raw("obd_standard", 0, 1)),
                Row(0x1D, "Oxygen sensors present (4 banks)", 1, Raw("o2_sensors_present_4_banks", 0, 1)),
                Row(0x1E, "Auxiliary input status", 1, Raw("aux_input_status", 0, 1)),
                Row(0x1F, "Run time since engine start", 2, Unsigned("run_time", "s", 0, 2, 1, 0)),
                Bitmap(0x20, "PIDs supported [21-40]"),
                Row(0x21, "Distance traveled with MIL on", 2, Unsigned("distance_with_mil", "km", 0, 2, 1, 0)),
                Row(0x22, "Fuel rail pressure relative to manifold vacuum", 2,
                    Unsigned("fuel_rail_pressure_vacuum", "kPa", 0, 2, 0.079, 0)),
                Row(0x23, "Fuel rail gauge pressure (diesel or direct injection)", 2,
                    Unsigned("fuel_rail_gauge_pressure", "kPa", 0, 2, 10, 0)),
                WideO2Voltage(0x24, "b1s1"),
                WideO2Voltage(0x25, "b1s2"),
                WideO2Voltage(0x26, "b1s3"),
                WideO2Voltage(0x27, "b1s4"),
                WideO2Voltage(0x28, "b2s1"),
                WideO2Voltage(0x29, "b2s2"),
                WideO2Voltage(0x2A, "b2s3"),
                WideO2Voltage(0x2B, "b2s4"),
                Row(0x2C, "Commanded EGR", 1, Percent("commanded_egr", 0)),
                Row(0x2D, "EGR error", 1, Trim("egr_error", 0)),
                Row(0x2E, "Commanded evaporative purge", 1, Percent("commanded_evap_purge", 0)),
                Row(0x2F, "Fuel tank level input", 1, Percent("fuel_level", 0)),
                Row(0x30, "Warm-ups since codes cleared", 1, Unsigned("warmups_since_dtc_clear", "count", 0, 1, 1, 0)),
                Row(0x31, "Distance traveled since codes cleared", 2,
                    Unsigned("distance_since_dtc_clear", "km", 0, 2, 1, 0)),
                Row(0x32, "Evap system vapor pressure", 2, Signed("evap_vapor_pressure", "Pa", 0, 2, 0.25, 0)),
                Row(0x33, "Absolute barometric pressure", 1, Unsigned("barometric_pressure", "kPa", 0, 1, 1, 0)),
                WideO2Current(0x34, "b1s1"),
                WideO2Current(0x35, "b1s2"),
                WideO2Current(0x36, "b1s3"),
                WideO2Current(0x37, "b1s4"),
                WideO2Current(0x38, "b2s1"),
                WideO2Current(0x39, "b2s2"),
                WideO2Current(0x3A, "b2s3"),
                WideO2Current(0x3B, "b2s4"),
                Row(0x3C, "Catalyst temperature bank 1 sensor 1", 2, HighTemperature("catalyst_temp_b1s1", 0)),
                Row(0x3D, "Catalyst temperature bank 2 sensor 1", 2, HighTemperature("catalyst_temp_b2s1", 0)),
                Row(0x3E, "Catalyst temperature bank 1 sensor 2", 2, HighTemperature("catalyst_temp_b1s2", 0)),
                Row(0x3F, "Catalyst temperature bank 2 sensor 2", 2, HighTemperature("catalyst_temp_b2s2", 0)),
            };
        }

        /// <summary>Narrow-band O2 sensor: A/200 V, and (100/128)B − 100 % short term trim (B = FF: not used for trim).</summary>
        private static PidDefinition NarrowO2(int pid, string sensor)
        {
            return Row(pid, "Oxygen sensor " + sensor + " voltage and short term fuel trim", 2,
                Unsigned("o2_" + sensor + "_voltage", "V", 0, 1, 0.005, 0),
                Trim("o2_" + sensor + "_short_fuel_trim", 1));
        }

        /// <summary>Wide-band O2 sensor in voltage mode: lambda from AB, 8/65536 × CD volts.</summary>
        private static PidDefinition WideO2Voltage(int pid, string sensor)
        {
            return Row(pid, "Oxygen sensor " + sensor + " equivalence ratio and voltage", 4,
                Lambda("o2_" + sensor + "_wr_lambda", 0),
                Unsigned("o2_" + sensor + "_wr_voltage", "V", 2, 2, 8.0 / 65536, 0));
        }

        /// <summary>Wide-band O2 sensor in current mode: lambda from AB, CD/256 − 128 mA.</summary>
        private static PidDefinition WideO2Current(int pid, string sensor)
        {
            return Row(pid, "Oxygen sensor " + sensor + " equivalence ratio and current", 4,
                Lambda("o2_" + sensor + "_wr_current_lambda", 0),
                Unsigned("o2_" + sensor + "_wr_current", "mA", 2, 2, 1.0 / 256, -128));
        }
    }
}
