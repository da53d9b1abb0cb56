using System.Globalization;
using System.Text;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Tests.Vehicles;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Routes;

public sealed class GpxReaderTests : IDisposable
{
    private static readonly GeoPoint Origin = new(48.2, 10.8);
    private static readonly DateTime Start = new(2025, 5, 6, 7, 30, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-gpx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// A recorded drive heading east: 30 s at 45 km/h (1 Hz), a 12 s halt with a metre of jitter,
    /// then 40 s at 95 km/h, in two track segments; every third point lacks its altitude.
    /// </summary>
    private static string RecordedTrack()
    {
        var points = new List<(double East, double North, int Second)>();
        double east = 0;
        int second = 0;
        for (; second < 30; second++, east += 12.5)
        {
            points.Add((east, 0, second));
        }

        for (int halt = 0; halt < 12; halt++, second++)
        {
            points.Add((east + (halt % 2) * 0.6, (halt % 3) * 0.3, second));
        }

        for (int i = 0; i < 40; i++, second++, east += 26.4)
        {
            points.Add((east, 0, second));
        }

        var gpx = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
              <trk><name>commute</name>
            """);
        for (int i = 0; i < points.Count; i++)
        {
            if (i == 0 || i == 50)
            {
                gpx.Append(i == 0 ? "<trkseg>\n" : "</trkseg><trkseg>\n");
            }

            var (e, n, s) = points[i];
            GeoPoint p = GeoMath.Offset(Origin, e, n);
            string ele = i % 3 == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"<ele>{500 + e / 100:0.00}</ele>");
            gpx.Append(CultureInfo.InvariantCulture, $"""<trkpt lat="{p.Latitude:0.0000000}" lon="{p.Longitude:0.0000000}">{ele}<time>{Start.AddSeconds(s):yyyy-MM-ddTHH:mm:ssZ}</time></trkpt>""").Append('\n');
        }

        return gpx.Append("</trkseg></trk></gpx>\n").ToString();
    }

    [Fact]
    public void A_recorded_track_gets_limits_from_its_speeds_a_stop_where_it_halted_and_every_altitude()
    {
        string path = Path.Combine(_directory, "track.gpx");
        File.WriteAllText(path, RecordedTrack());

        Route route = GpxReader.Load(path);

        route.Start.Latitude.Should().BeApproximately(Origin.Latitude, 1e-7);
        route.LengthMetres.Should().BeApproximately(29 * 12.5 + 12.5 + 39 * 26.4, 3);
        route.At(150).SpeedLimitKmh.Should().Be(50);
        route.At(900).SpeedLimitKmh.Should().Be(100);
        route.Points.Where(p => p.Stop != StopControl.None).Should().ContainSingle()
            .Which.Position.Should().Match<GeoPoint>(p => GeoMath.DistanceMetres(p, GeoMath.Offset(Origin, 375, 0)) < 1);
        route.Points.Should().AllSatisfy(p => p.Position.AltitudeMetres.Should().BeInRange(500, 515));
        route.At(route.Distances[1]).Position.AltitudeMetres.Should().BeApproximately(500.125, 0.01, "a missing altitude is interpolated");
    }

    [Fact]
    public void A_route_without_times_gets_the_default_limit_and_altitude()
    {
        string gpx = """
            <gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0">
              <rte>
                <rtept lat="48.20" lon="10.80"><name>home</name></rtept>
                <rtept lat="48.21" lon="10.80"/>
                <rtept lat="48.21" lon="10.82"/>
              </rte>
            </gpx>
            """;

        Route route = GpxReader.Read(new StringReader(gpx), new GpxImportOptions { DefaultSpeedLimitKmh = 70, DefaultAltitudeMetres = 320 });

        route.Points.Should().HaveCount(3);
        route.Points.Should().AllSatisfy(p =>
        {
            p.SpeedLimitKmh.Should().Be(70);
            p.Position.AltitudeMetres.Should().Be(320);
            p.Stop.Should().Be(StopControl.None);
        });
    }

    [Fact]
    public void Track_points_are_preferred_to_route_points()
    {
        string gpx = """
            <gpx>
              <rte><rtept lat="1" lon="1"/><rtept lat="1" lon="2"/></rte>
              <trk><trkseg><trkpt lat="48.2" lon="10.8"/><trkpt lat="48.3" lon="10.8"/></trkseg></trk>
            </gpx>
            """;

        GpxReader.Read(new StringReader(gpx)).Start.Should().Be(new GeoPoint(48.2, 10.8));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "<gpx>\n<trk><trkseg>\n<trkpt lat=\"48\" lon=\"11\">\n</trkseg></trk></gpx>", "GPX line 4*not well-formed XML*" },
        { "<kml>\n</kml>", "GPX line 1, position 2: the root element is <kml>, not <gpx>" },
        { "<gpx>\n<trk><trkseg>\n<trkpt lat=\"48\" lon=\"11\"/>\n<trkpt lat=\"48.1\"/>\n</trkseg></trk></gpx>", "GPX line 4, position 2: <trkpt> has no 'lon' attribute" },
        { "<gpx><rte>\n<rtept lat=\"north\" lon=\"11\"/><rtept lat=\"48\" lon=\"11\"/></rte></gpx>", "GPX line 2*<rtept> lat=\"north\" is not a number between -90 and 90" },
        { "<gpx><rte>\n<rtept lat=\"48\" lon=\"181\"/><rtept lat=\"48\" lon=\"11\"/></rte></gpx>", "GPX line 2*<rtept> lon=\"181\"*" },
        { "<gpx><trk><trkseg>\n<trkpt lat=\"48\" lon=\"11\">\n  <ele>high</ele></trkpt></trkseg></trk></gpx>", "GPX line 3, position 4: <ele> \"high\" is not a number" },
        { "<gpx><trk><trkseg><trkpt lat=\"48\" lon=\"11\">\n<time>yesterday</time></trkpt></trkseg></trk></gpx>", "GPX line 2*<time> \"yesterday\" is not an ISO 8601 time" },
        { "<gpx><trk><trkseg><trkpt lat=\"48\" lon=\"11\"/></trkseg></trk></gpx>", "GPX line 1*<gpx> holds 1 track or route points; a route needs at least two" },
        { "<gpx><trk><trkseg><trkpt lat=\"48\" lon=\"11\"/><trkpt lat=\"48\" lon=\"11\"/></trkseg></trk></gpx>", "GPX: the track never moves*" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_files_are_refused_naming_line_and_element(string gpx, string message)
    {
        string path = Path.Combine(_directory, "bad.gpx");
        File.WriteAllText(path, gpx);

        FluentActions.Invoking(() => GpxReader.Load(path)).Should().Throw<GpxFormatException>().WithMessage(message);
    }

    [Fact]
    public void A_vehicle_drives_an_imported_track_to_its_end()
    {
        Route route = GpxReader.Read(new StringReader(RecordedTrack()));
        var vehicle = new SimulatedVehicle(3, route.Start);

        DriveRecording drive = DriveRecording.Drive(vehicle, route);

        GeoMath.DistanceMetres(PhysicsSanityTests.Position(drive.States[^1]), route.End).Should().BeLessThan(0.01);
        drive.States.Max(s => s.SpeedKmh).Should().BeInRange(80, 100 + DriverOptions.SpeedToleranceKmh);
        drive.States.Should().Contain(s => s.EngineRunning && s.SpeedKmh == 0 && s.TimeMilliseconds > 20_000, "the driver halts at the recorded stop");
    }
}
