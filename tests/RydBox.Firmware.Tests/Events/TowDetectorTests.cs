using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Events;

public class TowDetectorTests
{
    private readonly EventLog _log = new();
    private readonly TowOptions _options = new();
    private readonly TowDetector _detector;

    public TowDetectorTests() => _detector = new TowDetector(_options, _log.Queue);

    private void Feed(long atMs, GnssFix? fix, bool ignitionOn = false) => _detector.Update(atMs, ignitionOn, fix);

    /// <summary>Drives north at <paramref name="kmh"/> from <paramref name="fromMetres"/>, one fix per second; returns where it ended.</summary>
    private double Tow(long fromMs, long forMs, double fromMetres, double kmh, bool reportSpeed = true)
    {
        double north = fromMetres;
        for (long t = fromMs; t <= fromMs + forMs; t += 1000)
        {
            Feed(t, Fixes.Near(north, 0, 110, reportSpeed ? (int)(kmh * 100) : 0));
            north += kmh / 3.6;
        }

        return north;
    }

    [Fact]
    public void Parked_GNSS_drift_never_raises_an_alarm()
    {
        var random = new Random(7);
        double driftNorth = 0;
        double driftEast = 0;
        long multipathLeftMs = 0;
        long t = 0;
        for (int sample = 0; sample < 20_000; sample++)
        {
            // A slowly wandering error of up to 25 m; now and then a multipath episode that puts the
            // fix 60 m off for up to 20 s; noisy speeds with rare spikes up to 25 km/h.
            driftNorth = Math.Clamp(driftNorth + (random.NextDouble() - 0.5) * 6, -25, 25);
            driftEast = Math.Clamp(driftEast + (random.NextDouble() - 0.5) * 6, -25, 25);
            if (multipathLeftMs <= 0 && random.Next(200) == 0)
            {
                multipathLeftMs = random.Next(20_000);
            }

            int hdop = 80 + random.Next(180);
            int speed = random.Next(100) == 0 ? random.Next(2500) : random.Next(300);
            Feed(t, Fixes.Near(driftNorth + (multipathLeftMs > 0 ? 60 : 0), driftEast, hdop, speed));
            long step = _detector.IsConfirming ? 2000 : 30_000;
            multipathLeftMs -= step;
            t += step;
        }

        _log.Drain().Should().BeEmpty();
        _detector.IsActive.Should().BeFalse();
    }

    [Fact]
    public void Moving_at_speed_for_a_while_starts_one_alarm_and_keeping_still_ends_it()
    {
        Feed(0, Fixes.Near(0, 0));
        double end = Tow(1000, _options.SpeedHoldMs - 1000, 0, 15);
        _detector.IsActive.Should().BeFalse("the speed has not held long enough");

        end = Tow(_options.SpeedHoldMs + 1000, 120_000, end, 15);
        _detector.IsActive.Should().BeTrue();
        var started = _log.Drain().Should().ContainSingle().Subject;
        started.Type.Should().Be(BoxEventType.TowAlarmStarted);
        started.Detail.Should().Be(TowDetector.BySpeed);
        started.Value.Should().BeInRange(55, 70, "it had moved about 16 s at 15 km/h");

        long stopAt = _options.SpeedHoldMs + 122_000;
        for (long t = stopAt; t < stopAt + _options.EndAfterStillMs; t += 10_000)
        {
            Feed(t, Fixes.Near(end + 5, 3));
        }

        _detector.IsActive.Should().BeTrue("it has not kept still long enough");
        Feed(stopAt + _options.EndAfterStillMs, Fixes.Near(end - 4, 0));

        _detector.IsActive.Should().BeFalse();
        var ended = _log.Drain().Should().ContainSingle().Subject;
        ended.Type.Should().Be(BoxEventType.TowAlarmEnded);
        ended.Detail.Should().Be(TowDetector.EndedStill);
        ended.Value.Should().BeGreaterThan(500);
    }

    [Fact]
    public void After_an_episode_the_new_place_is_the_parked_position()
    {
        Feed(0, Fixes.Near(0, 0));
        double end = Tow(1000, 60_000, 0, 20);
        for (long t = 62_000; t <= 62_000 + _options.EndAfterStillMs; t += 10_000)
        {
            Feed(t, Fixes.Near(end, 0));
        }

        _log.DrainTypes().Should().Equal(BoxEventType.TowAlarmStarted, BoxEventType.TowAlarmEnded);

        for (long t = 400_000; t < 2_000_000; t += 10_000)
        {
            Feed(t, Fixes.Near(end + 10, 10));
        }

        _log.Drain().Should().BeEmpty("standing at the new place is not a new episode");
    }

    [Fact]
    public void Being_carried_without_a_speed_reading_alarms_from_the_displacement()
    {
        Feed(0, Fixes.Near(0, 0));

        Tow(1000, 120_000, 0, 8, reportSpeed: false);

        var started = _log.Drain().Should().ContainSingle().Subject;
        started.Detail.Should().Be(TowDetector.ByDisplacement);
    }

    [Fact]
    public void The_radius_grows_with_HDOP()
    {
        // 80 m away: outside the 50 m minimum, inside the radius two HDOP 2.9 fixes call for (87 m).
        Feed(0, Fixes.Near(0, 0, hdopX100: 290));
        for (long t = 1000; t < 200_000; t += 1000)
        {
            Feed(t, Fixes.Near(80, 0, hdopX100: 290));
        }

        _log.Drain().Should().BeEmpty();

        var precise = new TowDetector(_options, _log.Queue);
        precise.Update(0, false, Fixes.Near(0, 0, hdopX100: 90));
        for (long t = 1000; t < 200_000; t += 1000)
        {
            precise.Update(t, false, Fixes.Near(80, 0, hdopX100: 90));
        }

        _log.DrainTypes().Should().Equal(BoxEventType.TowAlarmStarted);
    }

    [Fact]
    public void Fixes_with_a_poor_HDOP_are_ignored()
    {
        Feed(0, Fixes.Near(0, 0));
        for (long t = 1000; t < 300_000; t += 1000)
        {
            Feed(t, Fixes.Near(t / 100.0, 0, hdopX100: _options.MaxHdopX100 + 1, speedKmhX100: 3600));
        }

        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void Driving_never_alarms_and_ignition_on_ends_a_running_alarm()
    {
        Feed(0, Fixes.Near(0, 0), ignitionOn: true);
        for (long t = 1000; t < 120_000; t += 1000)
        {
            Feed(t, Fixes.Near(t / 100.0, 0, speedKmhX100: 3600), ignitionOn: true);
        }

        _log.Drain().Should().BeEmpty();

        Feed(200_000, Fixes.Near(0, 0));
        double end = Tow(201_000, 60_000, 0, 20);
        _detector.IsActive.Should().BeTrue();
        Feed(262_000, Fixes.Near(end, 0), ignitionOn: true);

        _detector.IsActive.Should().BeFalse();
        var events = _log.Drain();
        events.Select(e => e.Type).Should().Equal(BoxEventType.TowAlarmStarted, BoxEventType.TowAlarmEnded);
        events[1].Detail.Should().Be(TowDetector.EndedIgnitionOn);
    }

    [Fact]
    public void Losing_the_fix_during_an_episode_ends_it_after_the_still_time_and_the_next_fix_parks_again()
    {
        Feed(0, Fixes.Near(0, 0));
        double end = Tow(1000, 60_000, 0, 20);
        for (long t = 62_000; t <= 62_000 + _options.EndAfterStillMs; t += 10_000)
        {
            Feed(t, Fixes.NoFix());
        }

        _log.DrainTypes().Should().Equal(BoxEventType.TowAlarmStarted, BoxEventType.TowAlarmEnded);

        for (long t = 400_000; t < 600_000; t += 5000)
        {
            Feed(t, Fixes.Near(end + 2000, 0));
        }

        _log.Drain().Should().BeEmpty("where the fix came back is the new parked position");
    }
}
