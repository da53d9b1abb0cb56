using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

public class GnssFixTests
{
    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();

    [Fact]
    public void Utc_needs_both_date_and_time()
    {
        _fix.TryGetUtc(out _).Should().BeFalse();
        _parser.Parse("$GPGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*5B", _fix);
        _fix.TryGetUtc(out _).Should().BeFalse("GGA has no date");

        _parser.Parse("$GPRMC,161229.487,A,3723.2475,N,12158.3416,W,0.13,309.62,120598,,*10", _fix).Should().Be(NmeaResult.Ok);
        _fix.TryGetUtc(out DateTime utc).Should().BeTrue();
        utc.Should().Be(new DateTime(1998, 5, 12, 16, 12, 29, 487));
    }

    [Fact]
    public void A_leap_second_is_held_at_the_end_of_the_minute()
    {
        _parser.Parse(NmeaText.WithChecksum("$GPRMC,235960.00,A,,,,,,,311216,,"), _fix).Should().Be(NmeaResult.Ok);
        _fix.Second.Should().Be(60);
        _fix.TryGetUtc(out DateTime utc).Should().BeTrue();
        utc.Should().Be(new DateTime(2016, 12, 31, 23, 59, 59, 999));
    }

    [Fact]
    public void CopyFrom_takes_every_value_and_Reset_forgets_them()
    {
        foreach (string line in RealSentences.All.Take(5))
        {
            _parser.Parse(line, _fix).Should().Be(NmeaResult.Ok);
        }

        var snapshot = new GnssFix();
        snapshot.CopyFrom(_fix);
        snapshot.Should().BeEquivalentTo(_fix);
        snapshot.LatitudeE7.Should().NotBe(0);

        _fix.Reset();
        _fix.Known.Should().Be(GnssFields.None);
        _fix.Should().BeEquivalentTo(new GnssFix());
        snapshot.LatitudeE7.Should().Be(472852273, "the snapshot is independent");
    }
}
