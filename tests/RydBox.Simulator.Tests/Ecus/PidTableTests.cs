using RydBox.Firmware.Obd.Pids;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Ecus;

/// <summary>The virtual ECUs' PID tables against the firmware's: same lengths, encodings the firmware decodes back.</summary>
public sealed class PidTableTests
{
    private static readonly EcuDiagnostics NoFaults = new(false, 0, false, new MonitorSupport(0x07, 0x65));

    /// <summary>The vehicle quantity behind each signal, and the resolution its encoding has.</summary>
    private static readonly Dictionary<string, (Func<VehicleState, double> Value, double Resolution)> Physical = new()
    {
        ["engine_load"] = (s => s.EngineLoadPercent, 100.0 / 255),
        ["coolant_temp"] = (s => s.CoolantCelsius, 1),
        ["intake_map"] = (s => s.ManifoldPressureKpa, 1),
        ["engine_rpm"] = (s => s.EngineRpm, 0.25),
        ["vehicle_speed"] = (s => s.SpeedKmh, 1),
        ["intake_air_temp"] = (s => s.IntakeAirCelsius, 1),
        ["maf_air_flow"] = (s => s.MassAirFlowGramsPerSecond, 0.01),
        ["throttle_position"] = (s => s.ThrottlePercent, 100.0 / 255),
        ["fuel_level"] = (s => s.FuelLevelPercent, 100.0 / 255),
        ["control_module_voltage"] = (s => s.BatteryVolts, 0.001),
        ["ambient_air_temp"] = (s => s.AmbientCelsius, 1),
        ["oil_temp"] = (s => s.OilCelsius, 1),
        ["odometer"] = (s => s.OdometerKm, 0.1),
        ["transmission_gear"] = (s => s.Gear, 1),
    };

    public static TheoryData<string, PidRow> Rows()
    {
        var rows = new TheoryData<string, PidRow>();
        foreach (PidRow row in EnginePids.Rows)
        {
            rows.Add("engine", row);
        }

        foreach (PidRow row in TransmissionPids.Rows(TransmissionPids.SixSpeedRatios))
        {
            rows.Add("transmission", row);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_row_has_the_firmwares_length_and_signal(string ecu, PidRow row)
    {
        PidDefinition? firmware = PidTable.Find(row.Pid);

        firmware.Should().NotBeNull($"{ecu} PID {row.Pid:X2} must be one the firmware knows");
        row.ByteCount.Should().Be(firmware!.ByteCount);
        row.Encode(new PidInputs(TestVehicle.Driving, NoFaults)).Should().HaveCount(row.ByteCount);
        firmware.Signals.Select(s => s.Name).Should().Contain(row.Signal);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_firmware_decodes_every_encoding_back_to_the_vehicle_value(string ecu, PidRow row)
    {
        if (!Physical.TryGetValue(row.Signal, out var physical))
        {
            return; // status bytes (monitor status, OBD standard) have their own tests
        }

        foreach (VehicleState state in new[] { TestVehicle.Idling, TestVehicle.Driving, TestVehicle.Parked })
        {
            byte[] data = row.Encode(new PidInputs(state, NoFaults));
            double decoded = Signal(row).Decode(data, 0);

            decoded.Should().BeApproximately(physical.Value(state), physical.Resolution / 2 + 1e-9, $"{ecu} {row.Signal} of {state}");
        }
    }

    [Fact]
    public void Values_beyond_what_the_bytes_carry_saturate()
    {
        var extreme = TestVehicle.Driving with { SpeedKmh = 300, CoolantCelsius = -55, EngineRpm = 20000, BatteryVolts = double.NaN };
        var inputs = new PidInputs(extreme, NoFaults);

        Decode(0x0D, inputs).Should().Be(255);
        Decode(0x05, inputs).Should().Be(-40);
        Decode(0x0C, inputs).Should().Be(16383.75);
        Decode(0x42, inputs).Should().Be(0);
    }

    [Fact]
    public void The_transmission_reports_the_gear_and_its_ratio()
    {
        PidRow row = TransmissionPids.Rows(TransmissionPids.SixSpeedRatios).Single(r => r.Pid == 0xA4);
        byte[] data = row.Encode(new PidInputs(TestVehicle.Driving, NoFaults));
        PidSignal[] signals = PidTable.Find(0xA4)!.Signals;

        signals.Single(s => s.Name == "transmission_gear").Decode(data, 0).Should().Be(3);
        signals.Single(s => s.Name == "transmission_gear_ratio").Decode(data, 0).Should().BeApproximately(1.38, 0.0005);
        row.Encode(new PidInputs(TestVehicle.Idling, NoFaults)).Should().Equal(0x02, 0x00, 0x00, 0x00);
    }

    [Fact]
    public void Monitor_status_carries_the_MIL_the_code_count_and_readiness()
    {
        var monitors = new MonitorSupport(0x07, 0x65);
        PidRow row = EnginePids.Rows.Single(r => r.Pid == 0x01);

        row.Encode(new PidInputs(TestVehicle.Idling, new EcuDiagnostics(true, 2, false, monitors))).Should().Equal(0x82, 0x07, 0x65, 0x00);
        row.Encode(new PidInputs(TestVehicle.Idling, new EcuDiagnostics(false, 0, true, monitors))).Should().Equal(0x00, 0x77, 0x65, 0x65);
    }

    private static double Decode(byte pid, PidInputs inputs)
    {
        PidRow row = EnginePids.Rows.Single(r => r.Pid == pid);
        return Signal(row).Decode(row.Encode(inputs), 0);
    }

    private static PidSignal Signal(PidRow row) => PidTable.Find(row.Pid)!.Signals.Single(s => s.Name == row.Signal);
}
