using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Curfew;

public sealed class CurfewTests
{
    private const string Berlin = "Europe/Berlin";

    /// <summary>Friday and Saturday nights, 22:00 to 06:00 the next morning, Berlin time.</summary>
    private static readonly CurfewWindow WeekendNights = new("Weekend nights", [DayOfWeek.Friday, DayOfWeek.Saturday], new TimeOnly(22, 0), new TimeOnly(6, 0), Berlin);

    private static long Utc(int month, int day, int hour, int minute, int second = 0, int year = 2025) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>An engine-running OBD row every <paramref name="everySeconds"/> from <paramref name="from"/> up to (excluding) <paramref name="to"/>.</summary>
    private static IEnumerable<Observation> Driving(long from, long to, int everySeconds = 1)
    {
        for (long t = from; t < to; t += Seconds(everySeconds))
        {
            yield return new SampleObservation(t, Geo.Home.Offset((t - from) / 100.0, 0), 1.0, 45, 45, Rpm: 1900);
        }
    }

    private static BoxEventObservation Ignition(long t, bool on) =>
        new(t, on ? BoxEventType.IgnitionOn : BoxEventType.IgnitionOff, null, 13_900, "rpm");

    [Fact]
    public void Driving_late_on_a_Friday_opens_at_the_first_sign_and_ends_at_ignition_off()
    {
        var detector = new CurfewDetector([WeekendNights], new CurfewOptions());
        // Friday 6 June 2025, 23:30 CEST = 21:30 UTC; the CAN box reports the ignition 40 s late.
        List<Observation> sequence =
        [
            new SampleObservation(Utc(6, 6, 21, 25), Geo.Home, 1.3, SupplyVolts: 12.6),
            .. Driving(Utc(6, 6, 21, 30), Utc(6, 6, 21, 30, 40)),
            Ignition(Utc(6, 6, 21, 30, 40), on: true),
            .. Driving(Utc(6, 6, 21, 30, 40), Utc(6, 6, 21, 50)),
            Ignition(Utc(6, 6, 21, 50, 5), on: false),
            new SampleObservation(Utc(6, 6, 21, 51, 5), Geo.Home, 1.3, SupplyVolts: 12.7),
        ];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().Equal(
            new CurfewEvent(Utc(6, 6, 21, 30), null, "Weekend nights", Geo.Home),
            new CurfewEvent(Utc(6, 6, 21, 30), Utc(6, 6, 21, 50, 5), "Weekend nights", Geo.Home));
        AssertRoundTripAnywhere(detector, sequence, step: 13);
    }

    [Fact]
    public void A_drive_that_started_before_the_window_is_caught_when_the_window_opens()
    {
        var detector = new CurfewDetector([WeekendNights], new CurfewOptions());
        // 21:50 to 22:20 CEST on Friday.
        List<Observation> sequence = [.. Driving(Utc(6, 6, 19, 50), Utc(6, 6, 20, 20)), Ignition(Utc(6, 6, 20, 20), on: false)];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().HaveCount(2);
        events[0].StartUnixMs.Should().Be(Utc(6, 6, 20, 0), "22:00 CEST");
        events[1].EndUnixMs.Should().Be(Utc(6, 6, 20, 20));
    }

    [Fact]
    public void A_window_across_midnight_belongs_to_the_day_it_starts_and_ends_the_episode_when_it_ends()
    {
        var detector = new CurfewDetector([WeekendNights], new CurfewOptions());
        // Saturday 7 June 05:50 to 06:20 CEST: inside Friday's window until 06:00.
        List<Observation> saturdayMorning = [.. Driving(Utc(6, 7, 3, 50), Utc(6, 7, 4, 20)), Ignition(Utc(6, 7, 4, 20), on: false)];
        Run(detector, saturdayMorning).Should().Equal(
            new CurfewEvent(Utc(6, 7, 3, 50), null, "Weekend nights", Geo.Home),
            new CurfewEvent(Utc(6, 7, 3, 50), Utc(6, 7, 4, 0), "Weekend nights", Geo.Home));

        // Sunday 05:00 belongs to Saturday's window; Monday 05:00 to Sunday's, which is not a curfew day.
        Run(detector, [.. Driving(Utc(6, 8, 3, 0), Utc(6, 8, 3, 5))]).Should().ContainSingle();
        Run(detector, [.. Driving(Utc(6, 9, 3, 0), Utc(6, 9, 3, 5))]).Should().BeEmpty();
        Run(detector, [.. Driving(Utc(6, 9, 21, 0), Utc(6, 9, 21, 5))]).Should().BeEmpty("Monday 23:00 is not a curfew night");
    }

    [Fact]
    public void When_the_clocks_go_forward_an_end_the_clock_skips_comes_at_the_jump()
    {
        // Sunday 30 March 2025: at 02:00 CET (01:00 UTC) Berlin clocks jump to 03:00 CEST, so 02:30 never shows.
        var window = new CurfewWindow("Saturday night", [DayOfWeek.Saturday], new TimeOnly(22, 0), new TimeOnly(2, 30), Berlin);
        var detector = new CurfewDetector([window], new CurfewOptions());
        List<Observation> sequence = [.. Driving(Utc(3, 30, 0, 30), Utc(3, 30, 2, 0), everySeconds: 5)];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().Equal(
            new CurfewEvent(Utc(3, 30, 0, 30), null, "Saturday night", Geo.Home),
            new CurfewEvent(Utc(3, 30, 0, 30), Utc(3, 30, 1, 0), "Saturday night", Geo.Home));
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(Berlin);
        CurfewCalendar.EarliestInstant(new DateTime(2025, 3, 30, 2, 30, 0), zone).Should().Be(Utc(3, 30, 1, 0));
        CurfewCalendar.EarliestInstant(new DateTime(2025, 3, 29, 22, 0, 0), zone).Should().Be(Utc(3, 29, 21, 0), "22:00 CET");
    }

    [Fact]
    public void When_the_clocks_go_back_an_end_the_clock_shows_twice_comes_the_first_time_and_does_not_reopen()
    {
        // Sunday 26 October 2025: at 03:00 CEST (01:00 UTC) Berlin clocks go back to 02:00 CET, so 02:00-03:00 shows twice.
        var window = new CurfewWindow("Saturday night", [DayOfWeek.Saturday], new TimeOnly(22, 0), new TimeOnly(2, 30), Berlin);
        var detector = new CurfewDetector([window], new CurfewOptions());
        List<Observation> sequence = [.. Driving(Utc(10, 26, 0, 0), Utc(10, 26, 1, 45), everySeconds: 5)];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().Equal(
            new CurfewEvent(Utc(10, 26, 0, 0), null, "Saturday night", Geo.Home),
            new CurfewEvent(Utc(10, 26, 0, 0), Utc(10, 26, 0, 30), "Saturday night", Geo.Home));
        Run(detector, [.. Driving(Utc(10, 25, 19, 50), Utc(10, 25, 20, 10))])
            .Should().HaveCount(1).And.OnlyContain(e => e.StartUnixMs == Utc(10, 25, 20, 0), "Saturday 22:00 CEST is still summer time");
        AssertRoundTripAnywhere(detector, sequence, step: 11);
    }

    [Fact]
    public void A_gnss_only_box_ends_the_episode_at_the_last_movement_once_it_stood_still_for_StoppedAfter()
    {
        var detector = new CurfewDetector([WeekendNights], new CurfewOptions());
        long start = Utc(6, 6, 22, 0);
        var sequence = new List<Observation>();
        sequence.AddRange(Enumerable.Range(0, 120).Select(i => new SampleObservation(start + Seconds(i), Geo.Home.Offset(i * 10, 0), 1.2, GnssSpeedKmh: 36)));
        sequence.AddRange(Enumerable.Range(1, 4).Select(i => new SampleObservation(start + Minutes(1 + i), Geo.Home.Offset(1200, 0), 1.2, GnssSpeedKmh: 0.8)));
        sequence.Add(new ClockTick(start + Minutes(6)));
        sequence.Add(new ClockTick(start + Minutes(7)));

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().HaveCount(2);
        events[1].Should().Be(new CurfewEvent(start, start + Seconds(119), "Weekend nights", Geo.Home));
        Run(detector, sequence.SkipLast(1)).Should().HaveCount(1, "at 6 min the last movement is 4 min 1 s ago");
    }

    [Fact]
    public void Overlapping_windows_give_one_episode_at_a_time()
    {
        var late = new CurfewWindow("Late", [DayOfWeek.Friday], new TimeOnly(23, 0), new TimeOnly(23, 30), Berlin);
        var detector = new CurfewDetector([late, WeekendNights], new CurfewOptions());
        // Friday 22:50 to 23:40 CEST.
        List<VehicleEvent> events = Run(detector, [.. Driving(Utc(6, 6, 20, 50), Utc(6, 6, 21, 40))]);

        events.Cast<CurfewEvent>().Select(e => (e.WindowName, e.IsOpen)).Should().Equal(("Weekend nights", true));
    }

    [Fact]
    public void Observations_it_does_not_use_pass_through_with_the_same_state()
    {
        var detector = new CurfewDetector([WeekendNights], new CurfewOptions());
        (_, CurfewState state) = Run(detector, detector.Initial, Driving(Utc(6, 6, 21, 0), Utc(6, 6, 21, 1)));
        var events = new List<VehicleEvent>();

        detector.Observe(state, new ClockTick(Utc(6, 6, 21, 2)), events).Should().BeSameAs(state);
        detector.Observe(state, new BoxEventObservation(Utc(6, 6, 21, 2), BoxEventType.DtcSet, null, 0, "P0420"), events).Should().BeSameAs(state);
        detector.Observe(state, new ConnectionObservation(Utc(6, 6, 21, 2), true), events).Should().BeSameAs(state);
        events.Should().BeEmpty();
    }

    public static TheoryData<CurfewWindow, string> InvalidWindows => new()
    {
        { WeekendNights with { Start = new TimeOnly(6, 0) }, "same time" },
        { WeekendNights with { Days = [] }, "no days" },
        { WeekendNights with { TimeZoneId = "Mars/Olympus_Mons" }, "unknown time zone 'Mars/Olympus_Mons'" },
        { WeekendNights with { Name = "" }, "needs a name" },
        { WeekendNights with { Days = [(DayOfWeek)9] }, "unknown day 9" },
    };

    [Theory]
    [MemberData(nameof(InvalidWindows))]
    public void Invalid_windows_are_rejected_with_a_clear_message(CurfewWindow window, string message)
    {
        window.Invoking(w => w.Validate()).Should().Throw<ArgumentException>().WithMessage($"*{message}*");
        FluentActions.Invoking(() => new CurfewDetector([window], new CurfewOptions())).Should().Throw<ArgumentException>();
    }
}
