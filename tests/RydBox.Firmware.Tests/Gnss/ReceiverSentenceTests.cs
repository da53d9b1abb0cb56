using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

/// <summary>
/// Sentences as printed in receiver manuals and captured logs, with values worked out by hand:
/// degrees x 10^7 = (dd + mm.mmmm / 60) x 10^7 rounded; km/h x 100 = knots x 185.2 rounded.
/// </summary>
public class ReceiverSentenceTests
{
    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();

    private void ParseOk(string line, NmeaSentence expected)
    {
        _parser.Parse(line + "\r\n", _fix).Should().Be(NmeaResult.Ok, line);
        _parser.Sentence.Should().Be(expected);
    }

    [Fact]
    public void Ublox_M8_epoch()
    {
        ParseOk("$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A*57", NmeaSentence.Rmc);
        _fix.Hour.Should().Be(8);
        _fix.Minute.Should().Be(35);
        _fix.Second.Should().Be(59);
        _fix.Millisecond.Should().Be(0);
        (_fix.Day, _fix.Month, _fix.Year).Should().Be((9, 12, 2002));
        _fix.IsValid.Should().BeTrue();
        _fix.LatitudeE7.Should().Be(472852395);
        _fix.LongitudeE7.Should().Be(85652537);
        _fix.SpeedKmhX100.Should().Be(1, "0.004 kn = 0.0074 km/h rounds to 0.01");
        _fix.CourseDegX100.Should().Be(7752);
        _fix.PositionMode.Should().Be('A');

        ParseOk("$GPGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*5B", NmeaSentence.Gga);
        _fix.Hour.Should().Be(9);
        _fix.LatitudeE7.Should().Be(472852332);
        _fix.LongitudeE7.Should().Be(85652650);
        _fix.Quality.Should().Be(1);
        _fix.SatellitesUsed.Should().Be(8);
        _fix.HdopX100.Should().Be(101);
        _fix.AltitudeCm.Should().Be(49960);

        ParseOk("$GPVTG,77.52,T,,M,0.004,N,0.008,K,A*06", NmeaSentence.Vtg);
        _fix.CourseDegX100.Should().Be(7752);
        _fix.SpeedKmhX100.Should().Be(1, "the km/h field 0.008 is used and rounds to 0.01");

        ParseOk("$GPGSA,A,3,23,29,07,08,09,18,26,28,,,,,1.94,1.18,1.54*0D", NmeaSentence.Gsa);
        _fix.FixMode.Should().Be(3);
        (_fix.PdopX100, _fix.HdopX100, _fix.VdopX100).Should().Be((194, 118, 154));

        ParseOk("$GPGLL,4717.11364,N,00833.91565,E,092321.00,A,A*60", NmeaSentence.Gll);
        _fix.LatitudeE7.Should().Be(472852273);
        _fix.LongitudeE7.Should().Be(85652608);
        (_fix.Hour, _fix.Minute, _fix.Second).Should().Be((9, 23, 21));
        _fix.IsValid.Should().BeTrue();

        _fix.Has(GnssFields.Time | GnssFields.Date | GnssFields.Status | GnssFields.Quality | GnssFields.FixMode |
                 GnssFields.Position | GnssFields.Speed | GnssFields.Course | GnssFields.Altitude | GnssFields.Hdop |
                 GnssFields.Pdop | GnssFields.Vdop | GnssFields.Satellites | GnssFields.PositionMode).Should().BeTrue();
    }

    [Fact]
    public void Multi_gnss_GN_talker_with_NMEA_4_11_fields()
    {
        // u-blox M9/M10 style: RMC with nav status, GSA with system id, one GSA per constellation.
        ParseOk("$GNRMC,141148.00,A,4604.15257,N,01108.97976,E,0.004,,051121,,,A,V*13", NmeaSentence.Rmc);
        _fix.LatitudeE7.Should().Be(460692095);
        _fix.LongitudeE7.Should().Be(111496627);
        (_fix.Day, _fix.Month, _fix.Year).Should().Be((5, 11, 2021));
        _fix.Has(GnssFields.Course).Should().BeFalse("the course field is empty when stationary");
        _fix.PositionMode.Should().Be('A');

        ParseOk("$GNVTG,,T,,M,0.004,N,0.008,K,A*31", NmeaSentence.Vtg);
        _fix.Has(GnssFields.Course).Should().BeFalse();
        _fix.SpeedKmhX100.Should().Be(1);

        ParseOk("$GNGGA,141148.00,4604.15257,N,01108.97976,E,1,12,0.59,372.1,M,46.1,M,,*4C", NmeaSentence.Gga);
        _fix.SatellitesUsed.Should().Be(12);
        _fix.AltitudeCm.Should().Be(37210);

        ParseOk("$GNGSA,A,3,05,07,13,14,15,20,30,,,,,,0.97,0.59,0.77,1*03", NmeaSentence.Gsa);
        ParseOk("$GNGSA,A,3,78,69,68,70,80,79,,,,,,,0.97,0.59,0.77,2*0F", NmeaSentence.Gsa);
        _fix.FixMode.Should().Be(3);
        (_fix.PdopX100, _fix.HdopX100, _fix.VdopX100).Should().Be((97, 59, 77));
    }

    [Fact]
    public void MediaTek_MT3339()
    {
        ParseOk("$GPRMC,064951.000,A,2307.1256,N,12016.4438,E,0.03,165.48,260406,3.05,W,A*2C", NmeaSentence.Rmc);
        _fix.LatitudeE7.Should().Be(231187600);
        _fix.LongitudeE7.Should().Be(1202740633);
        _fix.SpeedKmhX100.Should().Be(6, "0.03 kn = 0.0556 km/h");
        _fix.CourseDegX100.Should().Be(16548);
        (_fix.Day, _fix.Month, _fix.Year).Should().Be((26, 4, 2006));

        // The datasheet prints *65; the correct checksum of this text is 63.
        ParseOk("$GPGGA,064951.000,2307.1256,N,12016.4438,E,1,8,0.95,39.9,M,17.8,M,,*63", NmeaSentence.Gga);
        _fix.SatellitesUsed.Should().Be(8);
        _fix.HdopX100.Should().Be(95);
        _fix.AltitudeCm.Should().Be(3990);

        ParseOk("$GPGSA,A,3,29,21,26,15,18,09,06,10,,,,,2.32,0.95,2.11*00", NmeaSentence.Gsa);
        (_fix.PdopX100, _fix.HdopX100, _fix.VdopX100).Should().Be((232, 95, 211));
    }

    [Fact]
    public void SiRF_reference_manual()
    {
        ParseOk("$GPRMC,161229.487,A,3723.2475,N,12158.3416,W,0.13,309.62,120598,,*10", NmeaSentence.Rmc);
        (_fix.Hour, _fix.Minute, _fix.Second, _fix.Millisecond).Should().Be((16, 12, 29, 487));
        _fix.LatitudeE7.Should().Be(373874583);
        _fix.LongitudeE7.Should().Be(-1219723600);
        _fix.SpeedKmhX100.Should().Be(24);
        _fix.CourseDegX100.Should().Be(30962);
        (_fix.Day, _fix.Month, _fix.Year).Should().Be((12, 5, 1998));
        _fix.Has(GnssFields.PositionMode).Should().BeFalse("pre-2.3 RMC has no mode field");

        ParseOk("$GPGGA,002153.000,3342.6618,N,11751.3858,W,1,10,1.2,27.0,M,-34.2,M,,0000*5E", NmeaSentence.Gga);
        _fix.LatitudeE7.Should().Be(337110300);
        _fix.LongitudeE7.Should().Be(-1178564300);
        _fix.SatellitesUsed.Should().Be(10);
        _fix.HdopX100.Should().Be(120);
        _fix.AltitudeCm.Should().Be(2700);

        ParseOk("$GPVTG,309.62,T, ,M,0.13,N,0.2,K,A*23", NmeaSentence.Vtg);
        _fix.SpeedKmhX100.Should().Be(20);

        ParseOk("$GPGSA,A,3,07,02,26,27,09,04,15,,,,,,1.8,1.0,1.5*33", NmeaSentence.Gsa);
        (_fix.PdopX100, _fix.HdopX100, _fix.VdopX100).Should().Be((180, 100, 150));
    }

    [Fact]
    public void Quectel_L76_L80()
    {
        ParseOk("$GPRMC,013732.000,A,3150.7238,N,11711.7278,E,0.00,0.00,220413,,,A*68", NmeaSentence.Rmc);
        _fix.LatitudeE7.Should().Be(318453967);
        _fix.LongitudeE7.Should().Be(1171954633);
        _fix.SpeedKmhX100.Should().Be(0);
        _fix.CourseDegX100.Should().Be(0);
        _fix.Has(GnssFields.Speed | GnssFields.Course).Should().BeTrue();
        (_fix.Day, _fix.Month, _fix.Year).Should().Be((22, 4, 2013));

        ParseOk("$GPGGA,015540.000,3150.68378,N,11711.93139,E,1,17,0.6,0051.6,M,0.0,M,,*58", NmeaSentence.Gga);
        _fix.LatitudeE7.Should().Be(318447297);
        _fix.LongitudeE7.Should().Be(1171988565);
        _fix.SatellitesUsed.Should().Be(17);
        _fix.HdopX100.Should().Be(60);
        _fix.AltitudeCm.Should().Be(5160);
    }

    [Fact]
    public void Garmin_two_decimal_minutes()
    {
        ParseOk("$GPRMC,225446,A,4916.45,N,12311.12,W,000.5,054.7,191194,020.3,E*68", NmeaSentence.Rmc);
        (_fix.Hour, _fix.Minute, _fix.Second, _fix.Millisecond).Should().Be((22, 54, 46, 0));
        _fix.LatitudeE7.Should().Be(492741667);
        _fix.LongitudeE7.Should().Be(-1231853333);
        _fix.SpeedKmhX100.Should().Be(93, "0.5 kn = 0.926 km/h");
        _fix.CourseDegX100.Should().Be(5470);
        (_fix.Day, _fix.Month, _fix.Year).Should().Be((19, 11, 1994));

        ParseOk("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", NmeaSentence.Rmc);
        _fix.LatitudeE7.Should().Be(481173000);
        _fix.LongitudeE7.Should().Be(115166667);
        _fix.SpeedKmhX100.Should().Be(4148, "22.4 kn = 41.4848 km/h");

        ParseOk("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", NmeaSentence.Gga);
        _fix.AltitudeCm.Should().Be(54540);
        _fix.HdopX100.Should().Be(90);
    }

    [Fact]
    public void No_fix_yet_clears_what_the_receiver_no_longer_knows()
    {
        ParseOk("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", NmeaSentence.Rmc);
        ParseOk("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", NmeaSentence.Gga);

        ParseOk("$GPRMC,,V,,,,,,,,,,N*53", NmeaSentence.Rmc);
        _fix.IsValid.Should().BeFalse();
        _fix.Has(GnssFields.Status | GnssFields.PositionMode).Should().BeTrue();
        _fix.PositionMode.Should().Be('N');
        foreach (var gone in new[] { GnssFields.Time, GnssFields.Date, GnssFields.Position, GnssFields.Speed, GnssFields.Course })
        {
            _fix.Has(gone).Should().BeFalse(gone.ToString());
        }

        _fix.Has(GnssFields.Altitude).Should().BeTrue("RMC says nothing about altitude");

        ParseOk("$GNGGA,235947.00,,,,,0,00,99.99,,M,,M,,*76", NmeaSentence.Gga);
        _fix.Quality.Should().Be(0);
        _fix.SatellitesUsed.Should().Be(0);
        _fix.HdopX100.Should().Be(9999);
        _fix.Has(GnssFields.Altitude).Should().BeFalse();
        _fix.Has(GnssFields.Time).Should().BeTrue();
    }

    [Fact]
    public void Southern_hemisphere_negative_altitude_and_empty_hdop()
    {
        ParseOk("$GNGGA,031921.542,3653.0286,S,17441.8568,E,0,00,,-26.2,M,26.2,M,,0000*6D", NmeaSentence.Gga);
        _fix.LatitudeE7.Should().Be(-368838100);
        _fix.LongitudeE7.Should().Be(1746976133);
        _fix.AltitudeCm.Should().Be(-2620);
        _fix.Millisecond.Should().Be(542);
        _fix.Has(GnssFields.Hdop).Should().BeFalse();
    }
}
