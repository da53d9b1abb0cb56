using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

public class NmeaRejectionTests
{
    private const string Good = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";
    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();

    [Theory]
    [InlineData("", NmeaResult.Empty)]
    [InlineData("\r\n", NmeaResult.Empty)]
    [InlineData("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", NmeaResult.NoStartDelimiter)]
    [InlineData("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C", NmeaResult.NoStartDelimiter)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", NmeaResult.MissingChecksum)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B", NmeaResult.BadChecksum)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*G0", NmeaResult.BadChecksum)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A0", NmeaResult.BadChecksum)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6", NmeaResult.Truncated)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*", NmeaResult.Truncated)]
    [InlineData("$GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00*74", NmeaResult.UnsupportedSentence)]
    public void Framing_problems_are_named(string line, NmeaResult expected)
    {
        _parser.Parse(line, _fix).Should().Be(expected);
        _fix.Known.Should().Be(GnssFields.None);
    }

    [Fact]
    public void The_valid_reference_line_is_accepted_so_the_rejections_above_are_meaningful()
    {
        _parser.Parse(Good, _fix).Should().Be(NmeaResult.Ok);
    }

    [Fact]
    public void Lowercase_checksum_digits_are_accepted()
    {
        _parser.Parse("$GPRMC,064951.000,A,2307.1256,N,12016.4438,E,0.03,165.48,260406,3.05,W,A*2c", _fix).Should().Be(NmeaResult.Ok);
    }

    [Theory]
    [InlineData("$GPTXT,01,01,02,ANTSTATUS=OK")]
    [InlineData("$PUBX,00,081350.00,4717.113210,N,00833.915187,E,546.589,G3,2.1,2.0,0.007,77.52,0.007,,0.92,1.19,0.77,9,0,0")]
    [InlineData("$GPZDA,201530.00,04,07,2002,00,00")]
    [InlineData("$GPRM,123519,A")]
    [InlineData("$gprmc,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W")]
    public void Valid_but_undecoded_sentences_are_unsupported(string sentence)
    {
        _parser.Parse(NmeaText.WithChecksum(sentence), _fix).Should().Be(NmeaResult.UnsupportedSentence);
        _parser.Sentence.Should().Be(NmeaSentence.None);
    }

    [Theory]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394")]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M")]
    [InlineData("$GPVTG,054.7,T,034.4,M,005.5,N")]
    [InlineData("$GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3")]
    [InlineData("$GPGLL,4916.45,N,12311.12,W,225444")]
    public void Sentences_cut_short_but_checksummed_have_too_few_fields(string sentence)
    {
        _parser.Parse(NmeaText.WithChecksum(sentence), _fix).Should().Be(NmeaResult.TooFewFields);
        _fix.Known.Should().Be(GnssFields.None);
    }

    [Theory]
    [InlineData("$GPRMC,253519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 1)]
    [InlineData("$GPRMC,1235,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 1)]
    [InlineData("$GPRMC,123519,X,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 2)]
    [InlineData("$GPRMC,123519,A,4860.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 3)]
    [InlineData("$GPRMC,123519,A,9107.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 3)]
    [InlineData("$GPRMC,123519,A,48O7.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 3)]
    [InlineData("$GPRMC,123519,A,4807.03.8,N,01131.000,E,022.4,084.4,230394,003.1,W", 3)]
    [InlineData("$GPRMC,123519,A,-4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", 3)]
    [InlineData("$GPRMC,123519,A,4807.038,E,01131.000,E,022.4,084.4,230394,003.1,W", 4)]
    [InlineData("$GPRMC,123519,A,4807.038,N,18131.000,E,022.4,084.4,230394,003.1,W", 5)]
    [InlineData("$GPRMC,123519,A,4807.038,N,,E,022.4,084.4,230394,003.1,W", 5)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,,022.4,084.4,230394,003.1,W", 6)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,-22.4,084.4,230394,003.1,W", 7)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,361.0,230394,003.1,W", 8)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,300294,003.1,W", 9)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,231394,003.1,W", 9)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,23039,003.1,W", 9)]
    [InlineData("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W,a", 12)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,A,08,0.9,545.4,M,46.9,M,,", 6)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,8.5,0.9,545.4,M,46.9,M,,", 7)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,-0.9,545.4,M,46.9,M,,", 8)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,5e4,M,46.9,M,,", 9)]
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,99999999999999999999,M,46.9,M,,", 9)]
    [InlineData("$GPVTG,054.7,T,034.4,M,005.5,N,010.2,X,A", -1)]
    [InlineData("$GPVTG,054.7,T,034.4,M,005.5,N,1O.2,K,A", 7)]
    [InlineData("$GPVTG,,T,,M,5..5,N,,K,A", 5)]
    [InlineData("$GPGSA,A,4,04,05,,09,12,,,24,,,,,2.5,1.3,2.1", 2)]
    [InlineData("$GPGSA,A,0,04,05,,09,12,,,24,,,,,2.5,1.3,2.1", 2)]
    [InlineData("$GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,,-2.1", 17)]
    [InlineData("$GPGLL,4916.45,N,12311.12,W,225444,Q", 6)]
    public void Unreadable_fields_are_reported_by_index(string sentence, int field)
    {
        var result = _parser.Parse(NmeaText.WithChecksum(sentence), _fix);
        if (field < 0)
        {
            // VTG's unit letters are not checked: the field positions define the meaning.
            result.Should().Be(NmeaResult.Ok);
            return;
        }

        result.Should().Be(NmeaResult.BadField);
        _parser.BadField.Should().Be(field);
        _fix.Known.Should().Be(GnssFields.None);
    }

    [Fact]
    public void A_rejected_sentence_leaves_the_fix_exactly_as_it_was()
    {
        _parser.Parse(Good, _fix).Should().Be(NmeaResult.Ok);
        var before = new GnssFix();
        before.CopyFrom(_fix);

        // Everything up to the date is new and readable; the date is not.
        _parser.Parse(NmeaText.WithChecksum("$GPRMC,010101,V,0101.000,S,00101.000,W,1.0,1.0,320194,,"), _fix)
            .Should().Be(NmeaResult.BadField);

        _fix.Should().BeEquivalentTo(before);
        _fix.Hour.Should().Be(12);
    }

    [Fact]
    public void Lines_longer_than_the_limit_are_too_long()
    {
        string padded = NmeaText.WithChecksum("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W" + new string(',', 60));
        padded.Length.Should().BeGreaterThan(NmeaParser.MaxLineLength);
        _parser.Parse(padded, _fix).Should().Be(NmeaResult.TooLong);
    }

    [Fact]
    public void Bad_arguments_are_treated_as_empty_instead_of_throwing()
    {
        byte[] line = NmeaText.Bytes(Good);
        _parser.Parse(null!, 0, 0, _fix).Should().Be(NmeaResult.Empty);
        _parser.Parse(line, 0, line.Length, null!).Should().Be(NmeaResult.Empty);
        _parser.Parse(line, -1, 5, _fix).Should().Be(NmeaResult.Empty);
        _parser.Parse(line, 5, line.Length, _fix).Should().Be(NmeaResult.Empty);
        _parser.Parse(line, 0, -3, _fix).Should().Be(NmeaResult.Empty);
        _parser.Parse(line, int.MaxValue, 10, _fix).Should().Be(NmeaResult.Empty);
    }
}
