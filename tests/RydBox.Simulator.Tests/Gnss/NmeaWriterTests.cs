using System.Text;
using RydBox.Firmware.Gnss;
using RydBox.Simulator.Gnss;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Gnss;

public sealed class NmeaWriterTests
{
    private static readonly DateTime Morning = new(2025, 3, 9, 6, 59, 58, DateTimeKind.Utc);

    private static GnssSolution Fix(double latitude, double longitude, double? course) => new()
    {
        TimeMilliseconds = 3_250,
        TimeKnown = true,
        HasFix = true,
        Latitude = latitude,
        Longitude = longitude,
        AltitudeMetres = 545.37,
        SpeedKmh = 55.5,
        CourseDegrees = course,
        Hdop = 0.9,
        Vdop = 1.35,
        Pdop = 1.6225,
        SatellitesUsed = 8,
        SatelliteIds = [4, 5, 9, 12, 17, 21, 24, 29],
        Truth = new VehicleState(),
    };

    [Fact]
    public void The_checksum_is_the_xor_of_the_body_in_upper_case_hex()
    {
        NmeaWriter.Sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")
            .Should().Be("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n");
    }

    [Fact]
    public void A_fix_is_written_as_rmc_vtg_gga_and_gsa()
    {
        IReadOnlyList<string> epoch = new NmeaWriter(Morning).Epoch(Fix(48.1173, 11.516666667, 359.996));

        epoch.Select(s => s[..s.IndexOf('*')]).Should().Equal(
            "$GPRMC,070001.25,A,4807.03800,N,01131.00000,E,29.968,0.00,090325,,,A",
            "$GPVTG,0.00,T,,M,29.968,N,55.50,K,A",
            "$GPGGA,070001.25,4807.03800,N,01131.00000,E,1,08,0.90,545.4,M,47.5,M,,",
            "$GPGSA,A,3,04,05,09,12,17,21,24,29,,,,,1.62,0.90,1.35");
    }

    [Fact]
    public void Southern_and_western_fixes_and_a_talker_of_choice()
    {
        string rmc = new NmeaWriter(Morning, "GN").Epoch(Fix(-33.8568, -151.2153, null))[0];

        rmc.Should().StartWith("$GNRMC,070001.25,A,3351.40800,S,15112.91800,W,29.968,,090325,,,A*");
    }

    [Fact]
    public void Without_a_fix_the_fields_are_empty_and_say_so()
    {
        var noFix = new GnssSolution { TimeMilliseconds = 1_000, Truth = new VehicleState() };

        new NmeaWriter(Morning).Epoch(noFix).Select(s => s[..s.IndexOf('*')]).Should().Equal(
            "$GPRMC,,V,,,,,,,,,,N",
            "$GPVTG,,T,,M,,N,,K,N",
            "$GPGGA,,,,,,0,00,99.99,,,,,,",
            "$GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99");
    }

    [Fact]
    public void The_firmware_parser_reads_every_form_back()
    {
        var writer = new NmeaWriter(Morning);
        GnssSolution fix = Fix(48.1173, -11.516666667, 123.456);
        GnssSolution lost = new() { TimeMilliseconds = 5_000, TimeKnown = true, Truth = new VehicleState() };
        var parser = new NmeaParser();
        var parsed = new GnssFix();

        foreach (string sentence in writer.Epoch(fix))
        {
            byte[] line = Encoding.ASCII.GetBytes(sentence);
            parser.Parse(line, 0, line.Length, parsed).Should().Be(NmeaResult.Ok, sentence);
        }

        parsed.LatitudeE7.Should().Be(481173000);
        parsed.LongitudeE7.Should().Be(-115166667);
        parsed.SpeedKmhX100.Should().Be(5550);
        parsed.CourseDegX100.Should().Be(12346);
        parsed.AltitudeCm.Should().Be(54540);
        (parsed.HdopX100, parsed.PdopX100, parsed.VdopX100, parsed.SatellitesUsed).Should().Be((90, 162, 135, 8));
        (parsed.IsValid, parsed.Quality, parsed.FixMode, parsed.PositionMode).Should().Be((true, 1, 3, 'A'));
        parsed.TryGetUtc(out DateTime utc).Should().BeTrue();
        utc.Should().Be(Morning.AddMilliseconds(3_250));

        foreach (string sentence in writer.Epoch(lost))
        {
            byte[] line = Encoding.ASCII.GetBytes(sentence);
            parser.Parse(line, 0, line.Length, parsed).Should().Be(NmeaResult.Ok, sentence);
        }

        parsed.Has(GnssFields.Position).Should().BeFalse();
        (parsed.IsValid, parsed.Quality, parsed.FixMode, parsed.PositionMode).Should().Be((false, 0, 1, 'N'));
        parsed.TryGetUtc(out utc).Should().BeTrue();
        utc.Should().Be(Morning.AddSeconds(5));
    }
}
