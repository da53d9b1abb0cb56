namespace RydBox.Firmware.Tests.Obd.Pids;

public static class PidExpectations40To7F
{
    private const double Trim00 = -100, TrimFF = 99.21875;

    public static IEnumerable<PidExpectation> All()
    {
        yield return E(0x41, "monitor_status_drive_cycle", "bits", 0, 4294967295, ("00000000", 0), ("FFFFFFFF", 4294967295), ("00076504", 0x076504));
        yield return E(0x42, "control_module_voltage", "V", 0, 65.535, ("0000", 0), ("FFFF", 65.535), ("3390", 13.2));
        yield return E(0x43, "absolute_load", "%", 0, 25700, ("0000", 0), ("FFFF", 25700), ("00FF", 100));
        yield return E(0x44, "commanded_equivalence_ratio", "ratio", 0, 65535 / 32768.0, ("0000", 0), ("FFFF", 65535 / 32768.0), ("8000", 1));
        foreach (var (pid, name) in new[]
                 {
                     (0x45, "relative_throttle_position"), (0x47, "throttle_position_b"), (0x48, "throttle_position_c"),
                     (0x49, "accelerator_position_d"), (0x4A, "accelerator_position_e"), (0x4B, "accelerator_position_f"),
                     (0x4C, "commanded_throttle_actuator"), (0x52, "ethanol_percent"), (0x5A, "relative_accelerator_position"),
                     (0x5B, "hybrid_battery_remaining"),
                 })
        {
            yield return E(pid, name, "%", 0, 100, ("00", 0), ("FF", 100), ("33", 20));
        }

        yield return E(0x46, "ambient_air_temp", "°C", -40, 215, ("00", -40), ("FF", 215), ("3C", 20));
        yield return E(0x4D, "run_time_with_mil", "min", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0100", 256));
        yield return E(0x4E, "time_since_dtc_clear", "min", 0, 65535, ("0000", 0), ("FFFF", 65535), ("003C", 60));
        yield return E(0x4F, "max_equivalence_ratio", "ratio", 0, 255, ("00000000", 0), ("FFFFFFFF", 255), ("01020304", 1));
        yield return E(0x4F, "max_o2_voltage", "V", 0, 255, ("00000000", 0), ("FFFFFFFF", 255), ("01020304", 2));
        yield return E(0x4F, "max_o2_current", "mA", 0, 255, ("00000000", 0), ("FFFFFFFF", 255), ("01020304", 3));
        yield return E(0x4F, "max_intake_map", "kPa", 0, 2550, ("00000000", 0), ("FFFFFFFF", 2550), ("01020304", 40));
        yield return E(0x50, "max_maf_air_flow", "g/s", 0, 2550, ("00FFFFFF", 0), ("FF000000", 2550), ("19000000", 250));
        yield return E(0x51, "fuel_type", "bits", 0, 255, ("00", 0), ("FF", 255), ("01", 1));
        yield return E(0x53, "evap_vapor_pressure_abs", "kPa", 0, 327.675, ("0000", 0), ("FFFF", 327.675), ("00C8", 1));
        yield return E(0x54, "evap_vapor_pressure_alt", "Pa", -32768, 32767, ("0000", 0), ("7FFF", 32767), ("8000", -32768), ("FFFF", -1));
        foreach (var (pid, a, b) in new[]
                 {
                     (0x55, "short_o2_trim_b1", "short_o2_trim_b3"), (0x56, "long_o2_trim_b1", "long_o2_trim_b3"),
                     (0x57, "short_o2_trim_b2", "short_o2_trim_b4"), (0x58, "long_o2_trim_b2", "long_o2_trim_b4"),
                 })
        {
            yield return E(pid, a, "%", Trim00, TrimFF, ("00FF", Trim00), ("FF00", TrimFF), ("8070", 0));
            yield return E(pid, b, "%", Trim00, TrimFF, ("FF00", Trim00), ("00FF", TrimFF), ("8070", -12.5));
        }

        yield return E(0x59, "fuel_rail_abs_pressure", "kPa", 0, 655350, ("0000", 0), ("FFFF", 655350), ("000A", 100));
        yield return E(0x5C, "oil_temp", "°C", -40, 215, ("00", -40), ("FF", 215), ("82", 90));
        yield return E(0x5D, "fuel_injection_timing", "°", -210, 301.9921875, ("0000", -210), ("FFFF", 301.9921875), ("6900", 0), ("6940", 0.5));
        yield return E(0x5E, "engine_fuel_rate", "L/h", 0, 3276.75, ("0000", 0), ("FFFF", 3276.75), ("0064", 5));
        yield return E(0x5F, "emission_requirements", "bits", 0, 255, ("00", 0), ("FF", 255), ("0E", 14));
        yield return E(0x61, "demand_torque_percent", "%", -125, 130, ("00", -125), ("FF", 130), ("7D", 0));
        yield return E(0x62, "actual_torque_percent", "%", -125, 130, ("00", -125), ("FF", 130), ("AF", 50));
        yield return E(0x63, "reference_torque", "Nm", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0190", 400));
        string[] torquePoints = { "idle", "point1", "point2", "point3", "point4" };
        for (int i = 0; i < 5; i++)
        {
            yield return E(0x64, "torque_percent_" + torquePoints[i], "%", -125, 130,
                ("0000000000", -125), ("FFFFFFFFFF", 130), ("007DFF807E", new double[] { -125, 0, 130, 3, 1 }[i]));
        }

        yield return E(0x65, "aux_io_status", "bits", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0301", 0x0301));
        yield return E(0x66, "maf_sensors_supported", "bits", 0, 255, ("0000000000", 0), ("FFFFFFFFFF", 255), ("030020FFFF", 3));
        yield return E(0x66, "maf_sensor_a", "g/s", 0, 2047.96875, ("0000000000", 0), ("FFFFFFFFFF", 2047.96875), ("030020FFFF", 1));
        yield return E(0x66, "maf_sensor_b", "g/s", 0, 2047.96875, ("0000000000", 0), ("FFFFFFFFFF", 2047.96875), ("030020FFFF", 2047.96875));
        yield return SupportByte(0x67, "coolant_temp_sensors_supported", "0300FF", 3);
        yield return E(0x67, "coolant_temp_sensor1", "°C", -40, 215, ("000000", -40), ("FFFFFF", 215), ("0300FF", -40));
        yield return E(0x67, "coolant_temp_sensor2", "°C", -40, 215, ("000000", -40), ("FFFFFF", 215), ("0300FF", 215));
        yield return SupportByte(0x68, "intake_air_temp_sensors_supported", "3F002850FF7B46", 0x3F);
        double[] iat = { -40, 0, 40, 215, 83, 30 };
        for (int i = 0; i < 6; i++)
        {
            yield return E(0x68, $"intake_air_temp_sensor{i + 1}", "°C", -40, 215, ("00000000000000", -40), ("FFFFFFFFFFFFFF", 215), ("3F002850FF7B46", iat[i]));
        }

        yield return SupportByte(0x69, "egr_data_supported", "3F000000000000", 0x3F);
        foreach (var e in FourPercents(0x6A, "intake_air_flow_supported", "commanded_intake_air_flow_a", "relative_intake_air_flow_a", "commanded_intake_air_flow_b", "relative_intake_air_flow_b"))
        {
            yield return e;
        }

        yield return SupportByte(0x6B, "egr_temp_supported", "0F00FF7B28", 0x0F);
        double[] egr = { -40, 215, 83, 0 };
        for (int i = 0; i < 4; i++)
        {
            yield return E(0x6B, $"egr_temp_{i + 1}", "°C", -40, 215, ("0000000000", -40), ("FFFFFFFFFF", 215), ("0F00FF7B28", egr[i]));
        }

        foreach (var e in FourPercents(0x6C, "throttle_actuator_supported", "commanded_throttle_a", "relative_throttle_a", "commanded_throttle_b", "relative_throttle_b"))
        {
            yield return e;
        }

        yield return SupportByte(0x6F, "turbo_inlet_pressure_supported", "0300FF", 3);
        yield return E(0x6F, "turbo_inlet_pressure_a", "kPa", 0, 255, ("000000", 0), ("FFFFFF", 255), ("0365FF", 101));
        yield return E(0x6F, "turbo_inlet_pressure_b", "kPa", 0, 255, ("000000", 0), ("FFFFFF", 255), ("036550", 80));
        const string boost = "1F0000FFFF00200C80A5";
        yield return SupportByte(0x70, "boost_supported", boost, 0x1F);
        yield return E(0x70, "commanded_boost_a", "kPa", 0, 2047.96875, (Zeros(10), 0), (Ones(10), 2047.96875), (boost, 0));
        yield return E(0x70, "actual_boost_a", "kPa", 0, 2047.96875, (Zeros(10), 0), (Ones(10), 2047.96875), (boost, 2047.96875));
        yield return E(0x70, "commanded_boost_b", "kPa", 0, 2047.96875, (Zeros(10), 0), (Ones(10), 2047.96875), (boost, 1));
        yield return E(0x70, "actual_boost_b", "kPa", 0, 2047.96875, (Zeros(10), 0), (Ones(10), 2047.96875), (boost, 100));
        yield return E(0x70, "boost_control_status", "bits", 0, 255, (Zeros(10), 0), (Ones(10), 255), (boost, 0xA5));
        const string vgt = "3F00FF338005";
        yield return SupportByte(0x71, "vgt_supported", vgt, 0x3F);
        yield return E(0x71, "commanded_vgt_a", "%", 0, 100, (Zeros(6), 0), (Ones(6), 100), (vgt, 0));
        yield return E(0x71, "vgt_position_a", "%", 0, 100, (Zeros(6), 0), (Ones(6), 100), (vgt, 100));
        yield return E(0x71, "commanded_vgt_b", "%", 0, 100, (Zeros(6), 0), (Ones(6), 100), (vgt, 20));
        yield return E(0x71, "vgt_position_b", "%", 0, 100, (Zeros(6), 0), (Ones(6), 100), (vgt, 128 * 100 / 255.0));
        yield return E(0x71, "vgt_control_status", "bits", 0, 255, (Zeros(6), 0), (Ones(6), 255), (vgt, 5));
        foreach (var e in FourPercents(0x72, "wastegate_supported", "commanded_wastegate_a", "wastegate_position_a", "commanded_wastegate_b", "wastegate_position_b"))
        {
            yield return e;
        }

        yield return SupportByte(0x73, "exhaust_pressure_supported", "032710FFFF", 3);
        yield return E(0x73, "exhaust_pressure_b1", "kPa", 0, 655.35, (Zeros(5), 0), (Ones(5), 655.35), ("032710FFFF", 100));
        yield return E(0x73, "exhaust_pressure_b2", "kPa", 0, 655.35, (Zeros(5), 0), (Ones(5), 655.35), ("0327100001", 0.01));
        yield return SupportByte(0x74, "turbo_rpm_supported", "0313880000", 3);
        yield return E(0x74, "turbo_a_rpm", "rpm", 0, 655350, (Zeros(5), 0), (Ones(5), 655350), ("0313880000", 50000));
        yield return E(0x74, "turbo_b_rpm", "rpm", 0, 655350, (Zeros(5), 0), (Ones(5), 655350), ("0313880001", 10));
        foreach (var (pid, t) in new[] { (0x75, "a"), (0x76, "b") })
        {
            const string temps = "0F00FF0FA00190";
            yield return SupportByte(pid, $"turbo_{t}_temp_supported", temps, 0x0F);
            yield return E(pid, $"turbo_{t}_compressor_inlet_temp", "°C", -40, 215, (Zeros(7), -40), (Ones(7), 215), (temps, -40));
            yield return E(pid, $"turbo_{t}_compressor_outlet_temp", "°C", -40, 215, (Zeros(7), -40), (Ones(7), 215), (temps, 215));
            yield return E(pid, $"turbo_{t}_turbine_inlet_temp", "°C", -40, 6513.5, (Zeros(7), -40), (Ones(7), 6513.5), (temps, 360));
            yield return E(pid, $"turbo_{t}_turbine_outlet_temp", "°C", -40, 6513.5, (Zeros(7), -40), (Ones(7), 6513.5), (temps, 0));
        }

        foreach (var e in FourHighTemperatures(0x78, "egt_b1_supported", "egt_b1s1", "egt_b1s2", "egt_b1s3", "egt_b1s4")) yield return e;
        foreach (var e in FourHighTemperatures(0x79, "egt_b2_supported", "egt_b2s1", "egt_b2s2", "egt_b2s3", "egt_b2s4")) yield return e;
        foreach (var e in FourHighTemperatures(0x7C, "dpf_temp_supported", "dpf_temp_1", "dpf_temp_2", "dpf_temp_3", "dpf_temp_4")) yield return e;
        yield return E(0x7D, "nox_nte_status", "bits", 0, 255, ("00", 0), ("FF", 255), ("0A", 10));
        yield return E(0x7E, "pm_nte_status", "bits", 0, 255, ("00", 0), ("FF", 255), ("05", 5));
        const string runTime = "0700000000FFFFFFFF00000E10";
        yield return SupportByte(0x7F, "engine_run_time_supported", runTime, 7);
        yield return E(0x7F, "engine_run_time_total", "s", 0, 4294967295, (Zeros(13), 0), (Ones(13), 4294967295), ("07000F4240" + "FFFFFFFF00000E10", 1000000));
        yield return E(0x7F, "engine_run_time_idle", "s", 0, 4294967295, (Zeros(13), 0), (Ones(13), 4294967295), (runTime, 4294967295));
        yield return E(0x7F, "engine_run_time_pto", "s", 0, 4294967295, (Zeros(13), 0), (Ones(13), 4294967295), (runTime, 3600));
    }

    internal static string Zeros(int bytes) => new('0', bytes * 2);

    internal static string Ones(int bytes) => new('F', bytes * 2);

    internal static PidExpectation SupportByte(int pid, string name, string sample, double value) =>
        E(pid, name, "bits", 0, 255, (Zeros(sample.Length / 2), 0), (Ones(sample.Length / 2), 255), (sample, value));

    private static IEnumerable<PidExpectation> FourPercents(int pid, string support, string a, string b, string c, string d)
    {
        const string sample = "0F00FF3380";
        yield return SupportByte(pid, support, sample, 0x0F);
        double[] values = { 0, 100, 20, 128 * 100 / 255.0 };
        string[] names = { a, b, c, d };
        for (int i = 0; i < 4; i++)
        {
            yield return E(pid, names[i], "%", 0, 100, (Zeros(5), 0), (Ones(5), 100), (sample, values[i]));
        }
    }

    private static IEnumerable<PidExpectation> FourHighTemperatures(int pid, string support, string a, string b, string c, string d)
    {
        const string sample = "0F0000FFFF0FA00190";
        yield return SupportByte(pid, support, sample, 0x0F);
        double[] values = { -40, 6513.5, 360, 0 };
        string[] names = { a, b, c, d };
        for (int i = 0; i < 4; i++)
        {
            yield return E(pid, names[i], "°C", -40, 6513.5, (Zeros(9), -40), (Ones(9), 6513.5), (sample, values[i]));
        }
    }

    internal static PidExpectation E(int pid, string name, string unit, double min, double max, params (string, double)[] samples) =>
        new(pid, name, unit, min, max, samples);
}
