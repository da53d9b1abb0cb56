using RydBox.Simulator.Gnss;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Tests.Vehicles;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Gnss;

/// <summary>The receiver's error over long seeded runs against the documented model.</summary>
public sealed class GnssNoiseStatisticsTests
{
    private const double JumpsPerHour = 12;
    private static readonly GnssModelOptions Options = new() { MultipathJumpsPerHour = JumpsPerHour };

    /// <summary>Six hours parked in the open: 21 600 epochs, about 180 error correlation times.</summary>
    private static readonly Lazy<List<GnssSolution>> Parked = new(() =>
    {
        var run = new ReceiverRun(new SimulatedVehicle(1, new GeoPoint(48.3, 10.9, 470)), seed: 2024, Options);
        run.For(6 * 3_600_000);
        return [.. run.Solutions.Where(s => s.HasFix)];
    });

    [Fact]
    public void Parked_errors_average_to_zero_and_spread_as_hdop_times_uere()
    {
        List<GnssSolution> clean = [.. Parked.Value.Where(s => !s.MultipathActive)];
        double uere = Options.UereMetres;

        clean.Average(s => ReceiverRun.Error(s).North).Should().BeInRange(-0.75, 0.75, "the error has no bias");
        clean.Average(s => ReceiverRun.Error(s).East).Should().BeInRange(-0.75, 0.75, "the error has no bias");
        double meanSquare = clean.Average(s => Math.Pow(ReceiverRun.HorizontalError(s), 2));
        double expected = clean.Average(s => s.Hdop * s.Hdop) * uere * uere;
        Math.Sqrt(meanSquare / expected).Should().BeInRange(0.85, 1.15, "horizontal RMS error = HDOP × UERE");
        clean.Average(s => Math.Pow(s.AltitudeMetres - s.Truth.AltitudeMetres, 2) / Math.Pow(s.Vdop * uere, 2)).Should().BeInRange(0.7, 1.3, "vertical error = VDOP × UERE");
    }

    [Fact]
    public void A_parked_receiver_drifts_slowly_and_mostly_stays_within_twice_hdop_times_uere()
    {
        List<GnssSolution> fixes = Parked.Value;
        double within = fixes.Count(s => ReceiverRun.HorizontalError(s) <= 2 * s.Hdop * Options.UereMetres) / (double)fixes.Count;
        within.Should().BeGreaterThan(0.9, "2DRMS holds about 95 % of fixes");

        double[] steps = [.. fixes.Zip(fixes.Skip(1))
            .Where(p => !p.First.MultipathActive && !p.Second.MultipathActive)
            .Select(p => GeoMath.DistanceMetres(new GeoPoint(p.First.Latitude, p.First.Longitude), new GeoPoint(p.Second.Latitude, p.Second.Longitude)))
            .Order()];
        steps[steps.Length / 2].Should().BeLessThan(0.6, "the position wanders, it does not jump every second");
        steps[^1].Should().BeLessThan(5, "only multipath jumps");
        fixes.Max(ReceiverRun.HorizontalError).Should().BeGreaterThan(15, "multipath jumps happen");
    }

    [Fact]
    public void Multipath_jumps_come_at_the_documented_rate_size_and_length()
    {
        List<GnssSolution> fixes = Parked.Value;
        var jumps = new List<List<GnssSolution>>();
        for (int i = 0; i < fixes.Count; i++)
        {
            if (fixes[i].MultipathActive)
            {
                if (i == 0 || !fixes[i - 1].MultipathActive)
                {
                    jumps.Add([]);
                }

                jumps[^1].Add(fixes[i]);
            }
        }

        double hours = fixes.Count / 3_600.0;
        jumps.Count.Should().BeInRange((int)(JumpsPerHour * hours * 0.7), (int)(JumpsPerHour * hours * 1.3));
        jumps.Should().AllSatisfy(jump => jump.Count.Should().BeInRange(2, 8));
        jumps.SelectMany(j => j).Should().AllSatisfy(s => ReceiverRun.HorizontalError(s).Should().BeInRange(
            Options.MinMultipathMetres - 4 * s.Hdop * Options.UereMetres, Options.MaxMultipathMetres + 4 * s.Hdop * Options.UereMetres));

        int positionJumps = fixes.Zip(fixes.Skip(1)).Count(p => GeoMath.DistanceMetres(
            new GeoPoint(p.First.Latitude, p.First.Longitude), new GeoPoint(p.Second.Latitude, p.Second.Longitude)) > 8);
        (positionJumps / 2.0).Should().BeApproximately(jumps.Count, jumps.Count * 0.1, "each jump shows as a step away and a step back");
    }

    [Fact]
    public void Satellites_and_dops_vary_plausibly_and_a_parked_receiver_states_no_course()
    {
        List<GnssSolution> fixes = Parked.Value;

        fixes.Select(s => s.SatellitesUsed).Distinct().Count().Should().BeGreaterThan(3);
        fixes.Should().AllSatisfy(s =>
        {
            s.SatellitesUsed.Should().BeInRange(Options.MinSatellites, Options.MaxSatellites);
            s.SatelliteIds.Should().HaveCount(s.SatellitesUsed).And.OnlyHaveUniqueItems();
            s.Hdop.Should().BeInRange(0.5, 2.0);
            s.Pdop.Should().BeApproximately(Math.Sqrt(s.Hdop * s.Hdop + s.Vdop * s.Vdop), 1e-9);
        });
        fixes.Average(s => s.Hdop).Should().BeInRange(0.7, 1.0);
        fixes.Count(s => s.SpeedKmh > Options.CourseMinSpeedKmh).Should().BeLessThan(fixes.Count / 1_000, "standing still reads well under 1 km/h");
        fixes.Where(s => s.SpeedKmh < Options.CourseMinSpeedKmh).Should().AllSatisfy(s => s.CourseDegrees.Should().BeNull());
    }

    [Fact]
    public void While_driving_speed_and_course_follow_the_true_motion()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(2);
        Route route = RoutePlanner.Plan(network, network.Places!.Home, network.Places.Work).Route;
        var vehicle = new SimulatedVehicle(4, route.Start);
        var run = new ReceiverRun(vehicle, seed: 9);
        vehicle.StartEngine();
        run.For(40_000);
        vehicle.Drive(route);
        run.While(() => vehicle.IsDriving);

        List<GnssSolution> moving = [.. run.Solutions.Where(s => s.HasFix && s.Truth.SpeedKmh > 20)];
        moving.Count.Should().BeGreaterThan(600);
        moving.Count(s => Math.Abs(s.SpeedKmh - s.Truth.SpeedKmh) < 1).Should().BeGreaterThan(moving.Count * 95 / 100);
        moving.Should().AllSatisfy(s => Math.Abs(GeoMath.TurnDegrees(s.Truth.HeadingDegrees, s.CourseDegrees!.Value)).Should().BeLessThan(3));
        moving.Where(s => !s.MultipathActive).Should().AllSatisfy(s => ReceiverRun.HorizontalError(s).Should().BeLessThan(5 * s.Hdop * Options.UereMetres));
        Math.Abs(moving.Average(s => ReceiverRun.Error(s).North)).Should().BeLessThan(5, "no bias that follows the motion");
    }
}
