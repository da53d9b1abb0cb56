using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Detectors.Dtc;
using RydBox.Gateway.Events.Model;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Dtc;

public sealed class DtcTests
{
    private static BoxEventObservation Set(long t, string? code) => new(t, BoxEventType.DtcSet, null, 0x7E8, code);

    private static BoxEventObservation Cleared(long t, string? code) => new(t, BoxEventType.DtcCleared, null, 0x7E8, code);

    [Fact]
    public void A_new_code_is_told_once_its_repeats_after_reboots_are_not_and_its_clearing_is_told_once()
    {
        var detector = new DtcDetector();
        List<Observation> sequence =
        [
            Set(T0, "P0301"),
            Set(T0 + Minutes(1), "P0420"),
            new BoxEventObservation(T0 + Minutes(30), BoxEventType.Reboot, null, 0, "brownout"),
            Set(T0 + Minutes(31), "P0301"),               // reported again after the reboot
            Set(T0 + Minutes(31), "P0420"),
            Cleared(T0 + Minutes(60), "P0301"),
            Cleared(T0 + Minutes(61), "P0301"),           // again: nothing
            Set(T0 + Minutes(90), "P0301"),                // back: new again
        ];

        (List<VehicleEvent> events, DtcState state) = Run(detector, detector.Initial, sequence);

        events.Should().Equal(
            new DtcEvent(T0, "P0301", false),
            new DtcEvent(T0 + Minutes(1), "P0420", false),
            new DtcEvent(T0 + Minutes(60), "P0301", true),
            new DtcEvent(T0 + Minutes(90), "P0301", false));
        events.Select(e => e.Key).Should().OnlyHaveUniqueItems();
        state.ActiveCodes.Should().Equal("P0301", "P0420");
        AssertRoundTripAnywhere(detector, sequence);
    }

    [Fact]
    public void Codes_are_kept_sorted_and_compared_trimmed_and_upper_case()
    {
        var detector = new DtcDetector();
        (List<VehicleEvent> events, DtcState state) = Run(detector, detector.Initial,
            [Set(T0, "U0100"), Set(T0 + 1, " p0171 "), Set(T0 + 2, "C1234"), Set(T0 + 3, "P0171"), Cleared(T0 + 4, "c1234")]);

        events.Cast<DtcEvent>().Select(e => (e.Code, e.Cleared)).Should().Equal(("U0100", false), ("P0171", false), ("C1234", false), ("C1234", true));
        state.ActiveCodes.Should().Equal("P0171", "U0100");
    }

    [Fact]
    public void Clearing_a_code_never_told_and_events_without_a_code_emit_nothing()
    {
        var detector = new DtcDetector();
        DtcState initial = detector.Initial;
        var events = new List<VehicleEvent>();

        detector.Observe(initial, Cleared(T0, "P0300"), events).Should().BeSameAs(initial);
        detector.Observe(initial, Set(T0, null), events).Should().BeSameAs(initial);
        detector.Observe(initial, Set(T0, "  "), events).Should().BeSameAs(initial);
        detector.Observe(initial, new BoxEventObservation(T0, BoxEventType.LowBattery, null, 11_600, null), events).Should().BeSameAs(initial);
        detector.Observe(initial, new SampleObservation(T0, SupplyVolts: 12.4), events).Should().BeSameAs(initial);
        events.Should().BeEmpty();
    }
}
