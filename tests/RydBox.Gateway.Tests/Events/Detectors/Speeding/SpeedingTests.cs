using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Detectors.Speeding;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Speeding;

public sealed class SpeedingTests
{
    private static readonly SpeedingOptions Options = new() { LimitKmh = 100 };

    /// <summary>One OBD row a second from <paramref name="startSecond"/>, one speed per row, moving east.</summary>
    private static IEnumerable<Observation> Obd(double startSecond, params double[] speeds) =>
        speeds.Select((kmh, i) => (Observation)new SampleObservation(
            T0 + Seconds(startSecond + i), Geo.Home.Offset(0, (startSecond + i) * 30), 1.1, kmh, kmh, Rpm: 2500));

    private static double[] Hold(double kmh, int seconds) => Enumerable.Repeat(kmh, seconds).ToArray();

    [Fact]
    public void A_short_burst_above_the_limit_is_not_speeding()
    {
        var detector = new SpeedingDetector(Options);
        List<Observation> overtaking = [.. Obd(0, [.. Hold(95, 60), .. Hold(112, 25), .. Hold(95, 60), .. Hold(108, 29), .. Hold(99, 10)])];

        Run(detector, overtaking).Should().BeEmpty();
    }

    [Fact]
    public void Sustained_speeding_opens_at_confirmation_dated_from_the_first_reading_and_ends_when_it_dropped()
    {
        var detector = new SpeedingDetector(Options);
        List<Observation> sequence = [.. Obd(0, [.. Hold(90, 10), .. Hold(115, 20), .. Hold(123, 40), .. Hold(92, 30)])];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().HaveCount(2);
        events[0].Should().Be(new SpeedingEvent(T0 + Seconds(10), null, 100, 123, Geo.Home.Offset(0, 300)), "confirmed after 30 s, at 40 s");
        events[1].Should().Be(new SpeedingEvent(T0 + Seconds(10), T0 + Seconds(70), 100, 123, Geo.Home.Offset(0, 300)));
        events[0].Key.Should().Be(events[1].Key);
        Run(detector, sequence.Take(40)).Should().BeEmpty("29 s above the limit is not yet 30 s");
        Run(detector, sequence.Take(41)).Should().ContainSingle();
        Run(detector, sequence.Take(85)).Should().ContainSingle("below the end level for 14 s is not yet 15 s");

        AssertRoundTripAnywhere(detector, sequence);
    }

    [Fact]
    public void Cruising_around_the_limit_and_a_short_slow_down_do_not_split_an_episode()
    {
        var detector = new SpeedingDetector(Options);
        double[] wandering = Enumerable.Range(0, 120).Select(i => 97.0 + (i % 7)).ToArray();   // 97..103 km/h
        List<Observation> sequence = [.. Obd(0, [.. Hold(110, 40), .. wandering, .. Hold(80, 10), .. Hold(108, 20), .. Hold(80, 20)])];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().HaveCount(2);
        events[1].StartUnixMs.Should().Be(T0);
        events[1].EndUnixMs.Should().Be(T0 + Seconds(190), "the final slow-down started at 190 s; the one at 160 s lasted only 10 s");
    }

    [Fact]
    public void The_episode_is_emitted_again_when_its_maximum_grew_by_the_update_step()
    {
        var detector = new SpeedingDetector(Options);
        List<Observation> sequence = [.. Obd(0, [.. Hold(105, 31), 109, 112, 114, 116, 118, 127, 127, .. Hold(90, 20)])];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Cast<SpeedingEvent>().Select(e => (e.MaxSpeedKmh, e.IsOpen)).Should().Equal((105, true), (116, true), (127, true), (127, false));
    }

    [Fact]
    public void GNSS_speed_counts_without_OBD_speed_but_not_with_a_bad_fix()
    {
        var detector = new SpeedingDetector(Options);
        IEnumerable<Observation> Gnss(int start, int seconds, double kmh, double hdop) => Enumerable.Range(start, seconds)
            .Select(i => (Observation)new SampleObservation(T0 + Seconds(i), Geo.Home.Offset(0, i * 30), hdop, GnssSpeedKmh: kmh));

        Run(detector, [.. Gnss(0, 60, 140, 8)]).Should().BeEmpty("HDOP 8 is above the default 5");
        List<VehicleEvent> events = Run(detector, [.. Gnss(0, 40, 140, 1.5), .. Gnss(40, 20, 60, 1.5)]);
        events.Should().HaveCount(2);
        events[^1].Should().Be(new SpeedingEvent(T0, T0 + Seconds(40), 100, 140, Geo.Home));
    }

    [Fact]
    public void A_data_gap_ends_an_open_episode_at_the_last_reading_on_a_clock_tick_or_the_next_reading()
    {
        var detector = new SpeedingDetector(Options);
        List<Observation> ticked = [.. Obd(0, Hold(120, 45)), new ClockTick(T0 + Seconds(100)), new ClockTick(T0 + Seconds(110))];

        List<VehicleEvent> events = Run(detector, ticked);

        events.Should().HaveCount(2);
        events[1].EndUnixMs.Should().Be(T0 + Seconds(44));

        List<Observation> resumed = [.. Obd(0, Hold(120, 45)), .. Obd(300, Hold(120, 10))];
        events = Run(detector, resumed);
        events.Should().HaveCount(2, "the readings after the gap restart a pending episode, not the old one");
        events[1].EndUnixMs.Should().Be(T0 + Seconds(44));
        AssertRoundTripAnywhere(detector, ticked);
    }

    [Fact]
    public void Observations_it_does_not_use_pass_through_with_the_same_state()
    {
        var detector = new SpeedingDetector(Options);
        (_, SpeedingState state) = Run(detector, detector.Initial, Obd(0, 120, 121));
        var events = new List<VehicleEvent>();

        detector.Observe(state, new BoxEventObservation(T0 + Seconds(2), BoxEventType.DtcSet, null, 0, "P0301"), events).Should().BeSameAs(state);
        detector.Observe(state, new ConnectionObservation(T0 + Seconds(2), true), events).Should().BeSameAs(state);
        detector.Observe(state, new ClockTick(T0 + Seconds(3)), events).Should().BeSameAs(state);
        detector.Observe(state, new SampleObservation(T0 + Seconds(3), SupplyVolts: 14), events).Should().BeSameAs(state);
        events.Should().BeEmpty();
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        FluentActions.Invoking(() => new SpeedingDetector(new SpeedingOptions { LimitKmh = 0 })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new SpeedingDetector(new SpeedingOptions { LimitKmh = 50, HysteresisKmh = 60 })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new SpeedingDetector(new SpeedingOptions { MinimumDuration = TimeSpan.FromSeconds(-1) })).Should().Throw<ArgumentException>();
    }
}
