using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Events;

public class GnssFixDetectorTests
{
    private readonly EventLog _log = new();
    private readonly GnssFixOptions _options = new();
    private readonly GnssFixDetector _detector;

    public GnssFixDetectorTests() => _detector = new GnssFixDetector(_options, _log.Queue);

    private void Run(long fromMs, long forMs, GnssFix? fix)
    {
        for (long t = fromMs; t <= fromMs + forMs; t += 1000)
        {
            _detector.Update(t, fix);
        }
    }

    [Fact]
    public void The_first_fix_after_start_is_taken_silently()
    {
        Run(0, 20_000, null);
        Run(21_000, 60_000, Fixes.Near(0, 0));

        _detector.HasFix.Should().BeTrue();
        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void Loss_and_regain_are_each_reported_after_their_debounce()
    {
        Run(0, 10_000, Fixes.Near(0, 0));
        Run(11_000, _options.LostAfterMs - 1000, Fixes.NoFix());
        _log.Drain().Should().BeEmpty("a tunnel shorter than the debounce passes unnoticed");

        Run(11_000 + _options.LostAfterMs, 60_000, Fixes.NoFix());
        _log.DrainTypes().Should().Equal(BoxEventType.GnssFixLost);
        _detector.HasFix.Should().BeFalse();

        Run(100_000, _options.RegainedAfterMs - 1000, Fixes.Near(0, 0));
        _log.Drain().Should().BeEmpty();
        Run(100_000 + _options.RegainedAfterMs, 10_000, Fixes.Near(0, 0));

        _log.DrainTypes().Should().Equal(BoxEventType.GnssFixRegained);
    }

    [Fact]
    public void Flickering_fixes_do_not_toggle_the_state()
    {
        Run(0, 10_000, Fixes.Near(0, 0));
        for (long t = 11_000; t < 300_000; t += 2000)
        {
            _detector.Update(t, Fixes.NoFix());
            _detector.Update(t + 1000, Fixes.Near(0, 0));
        }

        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void No_fix_at_all_after_start_is_reported_as_lost()
    {
        Run(0, _options.LostAfterMs, null);

        _log.DrainTypes().Should().Equal(BoxEventType.GnssFixLost);
    }

    [Fact]
    public void A_fix_the_receiver_calls_invalid_does_not_count()
    {
        GnssFix warning = Fixes.Near(0, 0);
        warning.IsValid = false;
        GnssFix noQuality = Fixes.Near(0, 0);
        noQuality.Known &= ~GnssFields.Status;
        noQuality.Quality = 0;

        GnssUsability.HasPosition(warning).Should().BeFalse();
        GnssUsability.HasPosition(noQuality).Should().BeFalse();
        GnssUsability.HasPosition(Fixes.Near(0, 0)).Should().BeTrue();
    }
}
