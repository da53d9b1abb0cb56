using static RydBox.Firmware.Tests.Obd.Pids.PidExpectations40To7F;

namespace RydBox.Firmware.Tests.Obd.Pids;

public static class PidExpectations80ToC0
{
    public static IEnumerable<PidExpectation> All()
    {
        yield return E(0x84, "manifold_surface_temp", "°C", -40, 215, ("00", -40), ("FF", 215), ("B4", 140));
        const string reagent = "1F0000FFFFFF0000012C";
        yield return SupportByte(0x85, "nox_reagent_supported", reagent, 0x1F);
        yield return E(0x85, "reagent_rate", "L/h", 0, 327.675, (Zeros(10), 0), (Ones(10), 327.675), ("1F00C8" + "FFFFFF0000012C", 1));
        yield return E(0x85, "reagent_demand", "L/h", 0, 327.675, (Zeros(10), 0), (Ones(10), 327.675), (reagent, 327.675));
        yield return E(0x85, "reagent_level", "%", 0, 100, (Zeros(10), 0), (Ones(10), 100), (reagent, 100));
        yield return E(0x85, "nwi_time", "s", 0, 4294967295, (Zeros(10), 0), (Ones(10), 4294967295), (reagent, 300));
        yield return SupportByte(0x86, "pm_sensor_supported", "030050FFFF", 3);
        yield return E(0x86, "pm_b1", "mg/m³", 0, 819.1875, (Zeros(5), 0), (Ones(5), 819.1875), ("030050FFFF", 1));
        yield return E(0x86, "pm_b2", "mg/m³", 0, 819.1875, (Zeros(5), 0), (Ones(5), 819.1875), ("030050FFFF", 819.1875));
        yield return SupportByte(0x87, "intake_map_sensors_supported", "030CA00020", 3);
        yield return E(0x87, "intake_map_a", "kPa", 0, 2047.96875, (Zeros(5), 0), (Ones(5), 2047.96875), ("030CA00020", 101));
        yield return E(0x87, "intake_map_b", "kPa", 0, 2047.96875, (Zeros(5), 0), (Ones(5), 2047.96875), ("030CA00020", 1));
        yield return E(0x8D, "throttle_position_g", "%", 0, 100, ("00", 0), ("FF", 100), ("33", 20));
        yield return E(0x8E, "friction_torque_percent", "%", -125, 130, ("00", -125), ("FF", 130), ("87", 10));
        yield return E(0x92, "fuel_system_control", "bits", 0, 65535, ("0000", 0), ("FFFF", 65535), ("0102", 0x0102));
        yield return E(0x9E, "exhaust_flow_rate", "kg/h", 0, 13107, ("0000", 0), ("FFFF", 13107), ("0005", 1));
        yield return E(0xA2, "cylinder_fuel_rate", "mg/stroke", 0, 2047.96875, ("0000", 0), ("FFFF", 2047.96875), ("0040", 2));
        yield return SupportByte(0xA4, "transmission_gear_supported", "01300DAC", 1);
        yield return E(0xA4, "transmission_gear", "count", 0, 15, ("00000000", 0), ("FFFFFFFF", 15), ("01300DAC", 3), ("000F0000", 0));
        yield return E(0xA4, "transmission_gear_ratio", "ratio", 0, 65.535, ("00000000", 0), ("FFFFFFFF", 65.535), ("01300DAC", 3.5));
        yield return E(0xA6, "odometer", "km", 0, 429496729.5, ("00000000", 0), ("FFFFFFFF", 429496729.5), ("0001E240", 12345.6));
    }
}
