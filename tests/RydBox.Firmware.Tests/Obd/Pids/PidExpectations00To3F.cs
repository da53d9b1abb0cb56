namespace RydBox.Firmware.Tests.Obd.Pids;

public static class PidExpectations00To3F
{
    private const double Trim00 = -100, TrimFF = 99.21875;

    public static IEnumerable<PidExpectation> All()
    {
        yield return E(0x01, "monitor_status", "bits", 0, 4294967295, ("00000000", 0), ("FFFFFFFF", 4294967295), ("81076504", 0x81076504));
        yield return E(0x02, "freeze_dtc", "bits", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0301", 0x0301));
        yield return E(0x03, "fuel_system_status", "bits", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0200", 512));
        yield return E(0x04, "engine_load", "%", 0, 100, ("00", 0), ("FF", 100), ("80", 128 * 100 / 255.0));
        yield return E(0x05, "coolant_temp", "°C", -40, 215, ("00", -40), ("FF", 215), ("7B", 83));
        foreach (var (pid, name) in new[] { (0x06, "short_fuel_trim_b1"), (0x07, "long_fuel_trim_b1"), (0x08, "short_fuel_trim_b2"), (0x09, "long_fuel_trim_b2") })
        {
            yield return E(pid, name, "%", Trim00, TrimFF, ("00", Trim00), ("FF", TrimFF), ("80", 0), ("70", -12.5));
        }

        yield return E(0x0A, "fuel_pressure", "kPa", 0, 765, ("00", 0), ("FF", 765), ("64", 300));
        yield return E(0x0B, "intake_map", "kPa", 0, 255, ("00", 0), ("FF", 255), ("65", 101));
        yield return E(0x0C, "engine_rpm", "rpm", 0, 16383.75, ("0000", 0), ("FFFF", 16383.75), ("1AF8", 1726));
        yield return E(0x0D, "vehicle_speed", "km/h", 0, 255, ("00", 0), ("FF", 255), ("3C", 60));
        yield return E(0x0E, "timing_advance", "°", -64, 63.5, ("00", -64), ("FF", 63.5), ("80", 0), ("95", 10.5));
        yield return E(0x0F, "intake_air_temp", "°C", -40, 215, ("00", -40), ("FF", 215), ("46", 30));
        yield return E(0x10, "maf_air_flow", "g/s", 0, 655.35, ("0000", 0), ("FFFF", 655.35), ("01F4", 5));
        yield return E(0x11, "throttle_position", "%", 0, 100, ("00", 0), ("FF", 100), ("33", 20));
        yield return E(0x12, "secondary_air_status", "bits", 0, 255, ("00", 0), ("FF", 255), ("04", 4));
        yield return E(0x13, "o2_sensors_present", "bits", 0, 255, ("00", 0), ("FF", 255), ("33", 0x33));
        string[] sensors = { "b1s1", "b1s2", "b1s3", "b1s4", "b2s1", "b2s2", "b2s3", "b2s4" };
        for (int i = 0; i < 8; i++)
        {
            string s = sensors[i];
            yield return E(0x14 + i, $"o2_{s}_voltage", "V", 0, 1.275, ("0000", 0), ("FFFF", 1.275), ("5A80", 0.45));
            yield return E(0x14 + i, $"o2_{s}_short_fuel_trim", "%", Trim00, TrimFF, ("0000", Trim00), ("FFFF", TrimFF), ("5A80", 0), ("5A90", 12.5));
            yield return E(0x24 + i, $"o2_{s}_wr_lambda", "ratio", 0, 65535 / 32768.0, ("00000000", 0), ("FFFFFFFF", 65535 / 32768.0), ("80000000", 1));
            yield return E(0x24 + i, $"o2_{s}_wr_voltage", "V", 0, 65535 / 8192.0, ("00000000", 0), ("FFFFFFFF", 65535 / 8192.0), ("00008000", 4));
            yield return E(0x34 + i, $"o2_{s}_wr_current_lambda", "ratio", 0, 65535 / 32768.0, ("00000000", 0), ("FFFFFFFF", 65535 / 32768.0), ("70000000", 0.875));
            yield return E(0x34 + i, $"o2_{s}_wr_current", "mA", -128, 127.99609375, ("00000000", -128), ("FFFFFFFF", 127.99609375), ("00008000", 0), ("00007F80", -0.5));
        }

        yield return E(0x1C, "obd_standard", "bits", 0, 255, ("00", 0), ("FF", 255), ("06", 6));
        yield return E(0x1D, "o2_sensors_present_4_banks", "bits", 0, 255, ("00", 0), ("FF", 255), ("11", 0x11));
        yield return E(0x1E, "aux_input_status", "bits", 0, 255, ("00", 0), ("FF", 255), ("01", 1));
        yield return E(0x1F, "run_time", "s", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0E10", 3600));
        yield return E(0x21, "distance_with_mil", "km", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0064", 100));
        yield return E(0x22, "fuel_rail_pressure_vacuum", "kPa", 0, 5177.265, ("0000", 0), ("FFFF", 5177.265), ("0100", 20.224));
        yield return E(0x23, "fuel_rail_gauge_pressure", "kPa", 0, 655350, ("0000", 0), ("FFFF", 655350), ("0100", 2560));
        yield return E(0x2C, "commanded_egr", "%", 0, 100, ("00", 0), ("FF", 100), ("33", 20));
        yield return E(0x2D, "egr_error", "%", Trim00, TrimFF, ("00", Trim00), ("FF", TrimFF), ("80", 0));
        yield return E(0x2E, "commanded_evap_purge", "%", 0, 100, ("00", 0), ("FF", 100), ("66", 40));
        yield return E(0x2F, "fuel_level", "%", 0, 100, ("00", 0), ("FF", 100), ("CC", 80));
        yield return E(0x30, "warmups_since_dtc_clear", "count", 0, 255, ("00", 0), ("FF", 255), ("0A", 10));
        yield return E(0x31, "distance_since_dtc_clear", "km", 0, 65535, ("0000", 0), ("FFFF", 65535), ("04D2", 1234));
        yield return E(0x32, "evap_vapor_pressure", "Pa", -8192, 8191.75, ("0000", 0), ("7FFF", 8191.75), ("8000", -8192), ("FFFF", -0.25));
        yield return E(0x33, "barometric_pressure", "kPa", 0, 255, ("00", 0), ("FF", 255), ("65", 101));
        foreach (var (pid, name) in new[] { (0x3C, "catalyst_temp_b1s1"), (0x3D, "catalyst_temp_b2s1"), (0x3E, "catalyst_temp_b1s2"), (0x3F, "catalyst_temp_b2s2") })
        {
            yield return E(pid, name, "°C", -40, 6513.5, ("0000", -40), ("FFFF", 6513.5), ("0FA0", 360));
        }
    }

    private static PidExpectation E(int pid, string name, string unit, double min, double max, params (string, double)[] samples) =>
        new(pid, name, unit, min, max, samples);
}
