using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Detectors.Offline;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Offline;

public sealed class OfflineTests
{
    private static SampleObservation Standby(long t) => new(t, Geo.Home, 1.3, SupplyVolts: 12.5);

    /// <summary>Gateway clock ticks once a minute over (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private static IEnumerable<Observation> Ticks(long from, long to)
    {
        for (long t = from + Minutes(1); t <= to; t += Minutes(1))
        {
            yield return new ClockTick(t);
        }
    }

    [Fact]
    public void A_cellular_drop_that_reconnects_within_the_grace_period_is_not_offline()
    {
        var detector = new OfflineDetector(new OfflineOptions());
        List<Observation> sequence =
        [
            Standby(T0),
            new ConnectionObservation(T0 + Minutes(2), Online: false),
            .. Ticks(T0 + Minutes(2), T0 + Minutes(6)),
            new ConnectionObservation(T0 + Minutes(6) + Seconds(59), Online: true),
            Standby(T0 + Minutes(7)),
            .. Ticks(T0 + Minutes(7), T0 + Minutes(12)),
        ];

        Run(detector, sequence).Should().BeEmpty();
    }

    [Fact]
    public void A_drop_beyond_the_grace_period_is_offline_from_the_drop_until_the_device_is_back()
    {
        var detector = new OfflineDetector(new OfflineOptions());
        long drop = T0 + Minutes(2);
        List<Observation> sequence =
        [
            Standby(T0),
            new ConnectionObservation(drop, Online: false),
            .. Ticks(drop, drop + Minutes(90)),
            new ConnectionObservation(drop + Minutes(90) + Seconds(10), Online: true),
            Standby(drop + Minutes(91)),
            .. Ticks(drop + Minutes(91), drop + Minutes(100)),
        ];

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().Equal(new OfflineEvent(drop, null), new OfflineEvent(drop, drop + Minutes(90) + Seconds(10)));
        Run(detector, sequence.TakeWhile(o => o.UnixMilliseconds < drop + Minutes(5))).Should().BeEmpty("within the 5 min grace");
        Run(detector, sequence.TakeWhile(o => o.UnixMilliseconds <= drop + Minutes(5))).Should().ContainSingle();
        AssertRoundTripAnywhere(detector, sequence);
    }

    [Fact]
    public void A_parked_box_in_standby_is_not_silent_but_one_that_stops_publishing_is_offline_from_its_last_sample()
    {
        var detector = new OfflineDetector(new OfflineOptions());
        var sequence = new List<Observation>();
        long t = T0;
        for (; t < T0 + Minutes(180); t += Minutes(5))
        {
            // A standby sample every 5 min, arriving up to 10 min late: the gateway ticks up to then.
            sequence.Add(Standby(t));
            sequence.AddRange(Ticks(t, t + Minutes(4)));
        }

        long lastSample = t - Minutes(5);
        sequence.AddRange(Ticks(lastSample + Minutes(4), lastSample + Minutes(60)));
        sequence.Add(new BoxEventObservation(lastSample + Minutes(61), BoxEventType.Reboot, null, 0, "watchdog"));

        List<VehicleEvent> events = Run(detector, sequence);

        events.Should().Equal(new OfflineEvent(lastSample, null), new OfflineEvent(lastSample, lastSample + Minutes(61)));
        Run(detector, sequence.TakeWhile(o => o.UnixMilliseconds <= lastSample + Minutes(30))).Should().BeEmpty("30 min is not more than the silence");
        Run(detector, sequence.TakeWhile(o => o.UnixMilliseconds <= lastSample + Minutes(31))).Should().ContainSingle();
    }

    [Fact]
    public void A_device_back_after_a_long_gap_without_ticks_in_between_gives_one_closed_episode()
    {
        var detector = new OfflineDetector(new OfflineOptions());

        Run(detector, [Standby(T0), Standby(T0 + Minutes(45))]).Should().Equal(new OfflineEvent(T0, T0 + Minutes(45)));
        Run(detector, [Standby(T0), new ConnectionObservation(T0 + Minutes(1), false), new ConnectionObservation(T0 + Minutes(20), true)])
            .Should().Equal(new OfflineEvent(T0 + Minutes(1), T0 + Minutes(20)));
        Run(detector, [Standby(T0), Standby(T0 + Minutes(29))]).Should().BeEmpty();
    }

    [Fact]
    public void A_device_never_heard_from_is_not_offline_and_repeated_drops_keep_the_first()
    {
        var detector = new OfflineDetector(new OfflineOptions());
        Run(detector, [.. Ticks(T0, T0 + Minutes(120))]).Should().BeEmpty();

        List<Observation> flapping =
        [
            Standby(T0),
            new ConnectionObservation(T0 + Minutes(1), false),
            new ConnectionObservation(T0 + Minutes(2), false),
            .. Ticks(T0 + Minutes(2), T0 + Minutes(10)),
        ];
        Run(detector, flapping).Should().Equal(new OfflineEvent(T0 + Minutes(1), null));
    }

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        FluentActions.Invoking(() => new OfflineDetector(new OfflineOptions { Silence = TimeSpan.Zero })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new OfflineDetector(new OfflineOptions { GracePeriod = TimeSpan.FromSeconds(-1) })).Should().Throw<ArgumentException>();
    }
}
