using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

public class SignalCatalogTests
{
    [Fact]
    public void Box_signals_have_fixed_units()
    {
        SignalInfo altitude = SignalCatalog.Describe(SignalIds.Altitude);
        altitude.Name.Should().Be("altitude");
        altitude.Unit.Should().Be("m");
        altitude.Scale(5_191).Should().BeApproximately(519.1, 1e-9);
        SignalCatalog.Describe(SignalIds.SupplyVoltage).Scale(12_650).Should().BeApproximately(12.65, 1e-9);
    }

    [Fact]
    public void Obd_signals_come_from_the_pid_table_including_the_second_signal_of_a_row()
    {
        SignalInfo coolant = SignalCatalog.Describe(SignalIds.ForPid(0x05, 0));
        coolant.Should().BeEquivalentTo(new { Id = 72, Name = "coolant_temp", Unit = "°C", IsKnown = true });
        coolant.Scale(130).Should().Be(90);

        SignalInfo trim = SignalCatalog.Describe(SignalIds.ForPid(0x14, 1));
        trim.Name.Should().Be("o2_b1s1_short_fuel_trim");
        trim.Scale(128).Should().Be(0);
    }

    [Fact]
    public void Unknown_ids_are_named_and_pass_their_raw_value()
    {
        SignalInfo unknownPid = SignalCatalog.Describe(SignalIds.ForPid(0xE1, 0));
        unknownPid.Should().BeEquivalentTo(new { Name = "pid_e1_0", Unit = "", IsKnown = false });
        unknownPid.Scale(1234).Should().Be(1234);

        SignalCatalog.Describe(SignalIds.ForPid(0x0C, 5)).Name.Should().Be("pid_0c_5", "engine speed has one signal only");
        SignalCatalog.Describe(20).Name.Should().Be("signal_20");
        SignalCatalog.Describe(5000).Name.Should().Be("signal_5000");
    }

    [Fact]
    public void A_batch_with_a_signal_the_gateway_does_not_know_still_decodes()
    {
        var batch = new TelemetryBatch(2, 2);
        batch.BeginRow(Samples.BaseTime);
        batch.Set(SignalIds.ForPid(0xE1, 0), -77);
        var buffer = new byte[64];
        int length = new TelemetryEncoder().Encode(batch, 1, buffer);

        SignalValue value = TelemetryDecoder.Decode(buffer.AsMemory(0, length)).Samples[0].Values.Single();
        value.Should().Be(new SignalValue(SignalIds.ForPid(0xE1, 0), "pid_e1_0", "", -77, -77));
    }
}
