using RydBox.Firmware.Events;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Tests.Obd.Services;

namespace RydBox.Firmware.Tests.Events;

public class OnBoxEventsTests
{
    private readonly EventLog _log = new();
    private readonly OnBoxEvents _events;
    private readonly EventInputs _inputs = new();

    public OnBoxEventsTests() => _events = new OnBoxEvents(_log.Queue, new BoxEventOptions());

    private void Cycle(long atMs, int? rpm, int? millivolts, bool asked = true)
    {
        _inputs.Clear();
        _inputs.NowMs = atMs;
        _inputs.ObdAsked = asked;
        _inputs.ObdAnswered = asked && rpm.HasValue;
        _inputs.HasRpm = rpm.HasValue;
        _inputs.Rpm = rpm ?? 0;
        _inputs.HasSupplyVoltage = millivolts.HasValue;
        _inputs.SupplyMillivolts = millivolts ?? 0;
        _inputs.Fix = Fixes.Near(0, 0);
        _events.Process(_inputs);
    }

    [Fact]
    public void One_call_feeds_every_detector_and_stamps_the_position()
    {
        var transport = new TableTransport();
        transport.Raw[(0x7E8, "03")] = [0x43, 0x01, 0x03, 0x01];
        var codes = new TroubleCodes(8);
        new ObdService(transport).ReadDtcs(0x03, codes);

        Cycle(0, 800, 14_000);
        _inputs.Clear();
        _inputs.NowMs = 1000;
        _inputs.ObdAsked = true;
        _inputs.ObdAnswered = true;
        _inputs.HasRpm = true;
        _inputs.Rpm = 800;
        _inputs.DtcsRead = true;
        _inputs.Dtcs = codes;
        _events.Process(_inputs);
        Cycle(2000, 800, 14_000);
        Cycle(3000, 800, 1_000);

        var events = _log.Drain();
        events.Select(e => e.Type).Should().Equal(BoxEventType.IgnitionOn, BoxEventType.DtcSet, BoxEventType.PowerLoss);
        events[0].HasPosition.Should().BeTrue();
        events[0].LatitudeE7.Should().Be(Fixes.HomeLatitudeE7);
        events[1].Detail.Should().Be("P0301");
        events[1].HasPosition.Should().BeFalse("that cycle had no fix");
    }

    [Fact]
    public void Reboot_and_outbox_drops_are_emitted_on_request()
    {
        _events.ReportReboot(0, "watchdog");
        _events.ReportOutboxDropped(10, 17);

        var events = _log.Drain();
        events.Select(e => (e.Type, e.Detail, e.Value)).Should().Equal(
            (BoxEventType.Reboot, "watchdog", 0L),
            (BoxEventType.OutboxDropped, null, 17L));
    }

    [Fact]
    public void Ignition_gates_the_detectors_that_depend_on_it()
    {
        // Engine running on a weak battery: no low-battery alarm while the alternator works.
        Cycle(0, 800, 11_000);
        for (long t = 1000; t < 600_000; t += 10_000)
        {
            Cycle(t, 800, 11_000);
        }

        _log.DrainTypes().Should().Equal(BoxEventType.IgnitionOn);
        _events.IsConfirming.Should().BeFalse();

        for (long t = 600_000; t < 800_000; t += 2000)
        {
            Cycle(t, null, 11_000, asked: t < 620_000);
        }

        _log.DrainTypes().Should().Equal(BoxEventType.IgnitionOff, BoxEventType.LowBattery);
    }
}
