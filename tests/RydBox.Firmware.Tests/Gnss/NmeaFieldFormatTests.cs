using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

public class NmeaFieldFormatTests
{
    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();

    [Theory]
    [InlineData("5109.0262321,S,11401.8407167,E", -511504372, 1140306786)]
    [InlineData("5109.02623,S,11401.84072,E", -511504372, 1140306787)]
    [InlineData("5109.0262,S,11401.8407,E", -511504367, 1140306783)]
    [InlineData("5109.03,S,11401.84,E", -511505000, 1140306667)]
    [InlineData("5109,S,11401,E", -511500000, 1140166667)]
    [InlineData("0000.0000,N,00000.0000,E", 0, 0)]
    [InlineData("9000.0000,N,18000.0000,W", 900000000, -1800000000)]
    [InlineData("0030.00000001,N,00000.00000005,E", 5000000, 0)]
    public void Coordinates_with_any_number_of_decimals(string position, int latitudeE7, int longitudeE7)
    {
        _parser.Parse(NmeaText.WithChecksum("$GNGLL," + position + ",174738.00,A,A"), _fix).Should().Be(NmeaResult.Ok);
        _fix.LatitudeE7.Should().Be(latitudeE7);
        _fix.LongitudeE7.Should().Be(longitudeE7);
    }

    [Theory]
    [InlineData("9000.0001,N,00000.0000,E", 1)]
    [InlineData("0000.0000,N,18000.0001,E", 3)]
    [InlineData("0000.0000,N,00060.0000,E", 3)]
    [InlineData("0000.0000,,00000.0000,E", 2)]
    [InlineData(",,00000.0000,E", 1)]
    public void Coordinates_out_of_range_or_half_missing_are_bad_fields(string position, int field)
    {
        _parser.Parse(NmeaText.WithChecksum("$GNGLL," + position + ",174738.00,A,A"), _fix).Should().Be(NmeaResult.BadField);
        _parser.BadField.Should().Be(field);
    }

    [Theory]
    [InlineData("$GPGGA,235959.999,,,,,0,00,,,M,,M,,", 23, 59, 59, 999)]
    [InlineData("$GPGGA,235960,,,,,0,00,,,M,,M,,", 23, 59, 60, 0)]
    [InlineData("$GPGGA,000000.5,,,,,0,00,,,M,,M,,", 0, 0, 0, 500)]
    [InlineData("$GPGGA,120000.12345,,,,,0,00,,,M,,M,,", 12, 0, 0, 123)]
    public void Times_with_any_fraction(string sentence, int hour, int minute, int second, int millisecond)
    {
        _parser.Parse(NmeaText.WithChecksum(sentence), _fix).Should().Be(NmeaResult.Ok);
        (_fix.Hour, _fix.Minute, _fix.Second, _fix.Millisecond).Should().Be((hour, minute, second, millisecond));
    }

    [Theory]
    [InlineData("290200", 2000)]
    [InlineData("010180", 1980)]
    [InlineData("311279", 2079)]
    public void Two_digit_years_and_leap_days(string date, int year)
    {
        _parser.Parse(NmeaText.WithChecksum("$GPRMC,000000,A,,,,,,," + date + ",,"), _fix).Should().Be(NmeaResult.Ok);
        _fix.Year.Should().Be(year);
    }

    [Theory]
    [InlineData("$GPVTG,360.00,T,,M,,N,,K,N", 0, -1)]
    [InlineData("$GPVTG,359.996,T,,M,,N,,K,N", 0, -1)]
    [InlineData("$GPVTG,12.345,T,,M,10.0,N,,K,A", 1235, 1852)]
    [InlineData("$GPVTG,,T,,M,10.0,N,20.00,K,A", -1, 2000)]
    public void Course_wraps_and_VTG_falls_back_to_knots(string sentence, int course, int speed)
    {
        _parser.Parse(NmeaText.WithChecksum(sentence), _fix).Should().Be(NmeaResult.Ok);
        _fix.Has(GnssFields.Course).Should().Be(course >= 0);
        _fix.Has(GnssFields.Speed).Should().Be(speed >= 0);
        if (course >= 0)
        {
            _fix.CourseDegX100.Should().Be(course);
        }

        if (speed >= 0)
        {
            _fix.SpeedKmhX100.Should().Be(speed);
        }
    }

    [Fact]
    public void Line_endings_of_any_kind_are_ignored()
    {
        foreach (string ending in new[] { "", "\r", "\n", "\r\n", "\n\r\n" })
        {
            _parser.Parse(RealSentences.All[0] + ending, _fix).Should().Be(NmeaResult.Ok);
        }
    }

    [Fact]
    public void A_line_inside_a_larger_buffer_is_read_at_its_offset()
    {
        byte[] buffer = NmeaText.Bytes("garbage" + RealSentences.All[1] + "$GPGGA,more");
        _parser.Parse(buffer, 7, RealSentences.All[1].Length, _fix).Should().Be(NmeaResult.Ok);
        _fix.AltitudeCm.Should().Be(49960);
    }

    [Fact]
    public void Steady_state_parsing_allocates_nothing()
    {
        byte[][] lines = RealSentences.All.Select(NmeaText.Bytes).ToArray();
        foreach (byte[] line in lines)
        {
            _parser.Parse(line, 0, line.Length, _fix);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int ok = 0;
        for (int round = 0; round < 200; round++)
        {
            foreach (byte[] line in lines)
            {
                if (_parser.Parse(line, 0, line.Length, _fix) == NmeaResult.Ok)
                {
                    ok++;
                }
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ok.Should().Be(200 * lines.Length);
        allocated.Should().Be(0);
    }
}
