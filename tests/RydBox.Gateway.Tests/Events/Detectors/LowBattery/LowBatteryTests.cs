using BoxEventType = RydBox.Firmware.Events.BoxEventType;
using RydBox.Gateway.Events.Detectors.LowBattery;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.LowBattery;

public sealed class LowBatteryTests
{
    private static readonly Place Parked = Geo.Home.Offset(40, -15);

    /// <summary>A parked row (GNSS and voltage only, as a parked box reads them).</summary>
    private static SampleObservation Rest(long t, double volts) => new(t, Parked, 1.4, SupplyVolts: volts);

    /// <summary>A night parked: the voltage falls linearly from <paramref name="from"/> to <paramref name="to"/>; a row a minute for 10 min, then every 5 min (standby).</summary>
    private static IEnumerable<Observation> Night(long start, double hours, double from, double to)
    {
        long end = start + Minutes(hours * 60);
        for (long t = start; t <= end; t += t - start < Minutes(10) ? Minutes(1) : Minutes(5))
        {
            yield return Rest(t, from + ((to - from) * (t - start) / (end - start)));
        }
    }

    /// <summary>Starting the engine: a cranking dip, then the alternator charging, an OBD row a second.</summary>
    private static IEnumerable<Observation> StartAndDrive(long t, int seconds)
    {
        yield return new SampleObservation(t, Parked, 1.4, SupplyVolts: 9.6);
        yield return new SampleObservation(t + Seconds(1), Parked, 1.4, SupplyVolts: 10.3, Rpm: 240);
        yield return new BoxEventObservation(t + Seconds(2), BoxEventType.IgnitionOn, Parked, 14_100, "rpm");
        for (int i = 2; i < seconds; i++)
        {
            yield return new SampleObservation(t + Seconds(i), Parked, 1.1, 30, 30, 1800, 14.1);
        }

        yield return new BoxEventObservation(t + Seconds(seconds), BoxEventType.IgnitionOff, Parked, 12_900, "engine stopped");
    }

    [Fact]
    public void A_battery_draining_overnight_is_told_once_when_it_stayed_low_and_again_only_after_a_drive()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        long night2 = T0 + Minutes(16 * 60);
        List<Observation> sequence =
        [
            .. Night(T0, 12, 12.5, 11.5),
            .. StartAndDrive(T0 + Minutes(13 * 60), 1200),
            .. Night(night2, 12, 12.3, 11.6),
        ];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().HaveCount(2);
        LowBatteryEvent first = events[0].Should().BeOfType<LowBatteryEvent>().Subject;
        first.Volts.Should().BeLessThan(11.8);
        first.Position.Should().Be(Parked);
        // Below 11.8 V from 9.6 h (12.5 - 9.6 / 12 = 11.7 V at the 9.6 h mark, readings every 5 min): decided 2 readings later.
        long firstLow = sequence.OfType<SampleObservation>().First(s => s.SupplyVolts < 11.8).UnixMilliseconds;
        first.StartUnixMs.Should().Be(firstLow + Minutes(5));
        events[1].StartUnixMs.Should().BeGreaterThan(night2);
        events.Select(e => e.Key).Should().OnlyHaveUniqueItems();
        AssertRoundTripAnywhere(detector, sequence);
    }

    [Fact]
    public void A_cranking_dip_is_not_a_low_battery()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        // A healthy but cold battery at 12.2 V, started twice an hour apart, plus a start where the box caught two dip rows.
        List<Observation> sequence =
        [
            .. Night(T0, 1, 12.2, 12.2),
            .. StartAndDrive(T0 + Minutes(61), 600),
            .. Night(T0 + Minutes(72), 1, 12.3, 12.3),
            Rest(T0 + Minutes(133), 9.8),
            Rest(T0 + Minutes(133) + Seconds(1), 10.1),
            new SampleObservation(T0 + Minutes(133) + Seconds(2), Parked, 1.2, SupplyVolts: 14.2),
        ];

        Run(detector, sequence).Should().BeEmpty();
    }

    [Fact]
    public void Low_readings_with_the_ignition_on_or_the_engine_turning_do_not_count()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        List<Observation> radioOn =
        [
            new BoxEventObservation(T0, BoxEventType.IgnitionOn, Parked, 12_200, "voltage"),
            .. Enumerable.Range(1, 20).Select(i => Rest(T0 + Minutes(i), 11.6)),
        ];
        Run(detector, radioOn).Should().BeEmpty();

        List<Observation> idlingWeak = [.. Enumerable.Range(1, 20).Select(i => new SampleObservation(T0 + Minutes(i), Parked, 1, SupplyVolts: 11.6, Rpm: 750))];
        Run(detector, idlingWeak).Should().BeEmpty();
    }

    [Fact]
    public void One_low_standby_reading_decides_nothing_two_five_minutes_apart_do()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        List<Observation> sequence = [Rest(T0, 12.0), Rest(T0 + Minutes(5), 11.7), Rest(T0 + Minutes(10), 11.7)];

        Run(detector, sequence.Take(2)).Should().BeEmpty();
        Run(detector, sequence).Should().Equal(new LowBatteryEvent(T0 + Minutes(10), 11.7, Parked));
    }

    [Fact]
    public void Recovering_to_the_rearm_level_allows_a_new_event_without_a_drive()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        List<Observation> lowChargedLow =
        [
            .. Enumerable.Range(0, 4).Select(i => Rest(T0 + Minutes(i), 11.6)),
            .. Enumerable.Range(4, 4).Select(i => Rest(T0 + Minutes(i), 12.3)),     // not yet recovered
            .. Enumerable.Range(8, 4).Select(i => Rest(T0 + Minutes(i), 11.6)),
            .. Enumerable.Range(12, 4).Select(i => Rest(T0 + Minutes(i), 12.6)),    // a charger
            .. Enumerable.Range(16, 4).Select(i => Rest(T0 + Minutes(i), 11.6)),
        ];

        Run(detector, lowChargedLow).Select(e => e.StartUnixMs).Should().Equal(T0 + Minutes(2), T0 + Minutes(18));
    }

    [Fact]
    public void The_box_low_battery_event_is_told_unless_this_parked_stretch_was_told_already()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        List<Observation> boxFirst =
        [
            Rest(T0, 11.7),
            new BoxEventObservation(T0 + Minutes(1), BoxEventType.LowBattery, null, 11_650, null),
            Rest(T0 + Minutes(1), 11.65),
            Rest(T0 + Minutes(2), 11.6),
            Rest(T0 + Minutes(3), 11.6),
        ];

        Run(detector, boxFirst).Should().Equal(new LowBatteryEvent(T0 + Minutes(1), 11.65, Parked));

        List<Observation> samplesFirst = [.. Enumerable.Range(0, 4).Select(i => Rest(T0 + Minutes(i), 11.6)), new BoxEventObservation(T0 + Minutes(4), BoxEventType.LowBattery, null, 11_600, null)];
        Run(detector, samplesFirst).Should().ContainSingle().Which.StartUnixMs.Should().Be(T0 + Minutes(2));
        AssertRoundTripAnywhere(detector, boxFirst);
    }

    [Fact]
    public void Observations_it_does_not_use_pass_through_with_the_same_state()
    {
        var detector = new LowBatteryDetector(new LowBatteryOptions());
        (_, LowBatteryState state) = Run(detector, detector.Initial, [Rest(T0, 11.6)]);
        var events = new List<VehicleEvent>();

        detector.Observe(state, new ClockTick(T0 + Minutes(30)), events).Should().BeSameAs(state);
        detector.Observe(state, new ConnectionObservation(T0 + Minutes(30), false), events).Should().BeSameAs(state);
        detector.Observe(state, new BoxEventObservation(T0 + Minutes(30), BoxEventType.DtcSet, null, 0, "P0301"), events).Should().BeSameAs(state);
        detector.Observe(state, new SampleObservation(T0 + Minutes(30), Parked, 1.2), events).Should().BeSameAs(state);
        events.Should().BeEmpty();
    }
}
