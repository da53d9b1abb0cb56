using RydBox.Firmware.Elm327;
using RydBox.Firmware.Tests.Elm327;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Sampling;

public class Elm327SupplyVoltageTests
{
    [Fact]
    public void Reads_the_adapter_voltage_with_ATRV_and_reports_when_it_gives_none()
    {
        var clock = new ManualClock();
        var adapter = new ScriptedAdapter(clock) { Echo = false }
            .Expect("ATRV", "14.12V")
            .Expect("ATRV", "?")
            .Silent("ATRV");
        var supply = new Elm327SupplyVoltage(new Elm327Link(adapter, clock));

        supply.TryReadMillivolts(out int charging).Should().BeTrue();
        charging.Should().Be(14_120);
        supply.TryReadMillivolts(out _).Should().BeFalse("the adapter did not understand");
        supply.TryReadMillivolts(out _).Should().BeFalse("the adapter is silent");
        adapter.AssertDone();
    }
}
