using RydBox.Firmware.Box;
using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Simulator.Gnss;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Tests.Vehicles;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Gnss;

/// <summary>The firmware's own GnssReceiver reading the virtual port through a whole drive.</summary>
public sealed class VirtualGnssPortTests
{
    private static readonly DateTime UtcAtZero = new(2025, 11, 3, 23, 58, 0, DateTimeKind.Utc);

    [Fact]
    public void The_firmware_receiver_parses_every_sentence_and_sees_the_models_solution()
    {
        RoadNetwork network = RoadNetworkGenerator.Generate(4);
        Route route = RoutePlanner.Plan(network, network.Places!.TunnelStart, network.Places.TunnelEnd).Route;
        var vehicle = new SimulatedVehicle(6, route.Start);
        var clock = new SteppedClock();
        var model = new GnssReceiverModel(new ClockedVehicleSensors(vehicle, clock), seed: 11);
        var port = new VirtualGnssPort(model, clock, UtcAtZero, "GN");
        var receiver = new GnssReceiver(port, clock, silentAfterMs: 5_000);
        vehicle.StartEngine();

        int fixes = 0, noFixes = 0;
        long checkedEpoch = -1;
        while (clock.NowMilliseconds < 3_600_000 && (vehicle.IsDriving || clock.NowMilliseconds < 60_000))
        {
            if (clock.NowMilliseconds == 45_000)
            {
                vehicle.Drive(route);
            }

            clock.Advance(100);
            receiver.Drain();
            GnssSolution? sent = port.LastSolution;
            if (sent == null || sent.TimeMilliseconds == checkedEpoch)
            {
                continue;
            }

            checkedEpoch = sent.TimeMilliseconds;
            GnssFix? heard = receiver.Snapshot();
            heard.Should().NotBeNull();
            heard!.TryGetUtc(out DateTime utc).Should().Be(sent.TimeKnown);
            if (sent.TimeKnown)
            {
                utc.Should().Be(UtcAtZero.AddMilliseconds(sent.TimeMilliseconds));
            }

            GnssUsability.HasPosition(heard).Should().Be(sent.HasFix, $"epoch {sent.TimeMilliseconds}");
            if (!sent.HasFix)
            {
                noFixes++;
                continue;
            }

            fixes++;
            heard.LatitudeE7.Should().BeCloseTo((int)Math.Round(sent.Latitude * 1e7), 2);
            heard.LongitudeE7.Should().BeCloseTo((int)Math.Round(sent.Longitude * 1e7), 2);
            heard.AltitudeCm.Should().BeCloseTo((int)Math.Round(sent.AltitudeMetres * 100), 5);
            heard.SpeedKmhX100.Should().BeCloseTo((int)Math.Round(sent.SpeedKmh * 100), 1);
            heard.Has(GnssFields.Course).Should().Be(sent.CourseDegrees != null);
            if (sent.CourseDegrees is { } course)
            {
                Math.Abs(GeoMath.TurnDegrees(course, heard.CourseDegX100 / 100.0)).Should().BeLessThan(0.006);
            }

            heard.HdopX100.Should().BeCloseTo((int)Math.Round(sent.Hdop * 100), 1);
            heard.SatellitesUsed.Should().Be(sent.SatellitesUsed);
            (heard.IsValid, heard.Quality, heard.FixMode).Should().Be((true, 1, 3));
        }

        receiver.RejectedLines.Should().Be(0);
        receiver.Sentences.Should().Be(4 * port.EpochsSent);
        port.EpochsSent.Should().Be(clock.NowMilliseconds / 1_000 + 1, "one epoch each second from 0");
        fixes.Should().BeGreaterThan(200);
        noFixes.Should().BeGreaterThan(30, "the first fix takes half a minute and the tunnel more");
    }

    [Fact]
    public void A_reader_that_falls_behind_gets_the_latest_epochs_only()
    {
        var clock = new SteppedClock();
        var model = new GnssReceiverModel(new ClockedVehicleSensors(new SimulatedVehicle(1, new GeoPoint(48.3, 10.9)), clock), seed: 1);
        var port = new VirtualGnssPort(model, clock, UtcAtZero);
        var receiver = new GnssReceiver(port, clock, silentAfterMs: 5_000);

        for (int second = 0; second < 120; second++)
        {
            clock.Advance(1_000);
            port.Read(new byte[1], 0, 1, 0);
        }

        receiver.Drain();
        receiver.Sentences.Should().BeInRange(4 * VirtualGnssPort.BufferedEpochs - 1, 4 * VirtualGnssPort.BufferedEpochs);
        receiver.Snapshot()!.TryGetUtc(out DateTime utc).Should().BeTrue();
        utc.Should().Be(UtcAtZero.AddSeconds(120), "the newest epoch is there");
    }

    [Fact]
    public void A_read_with_nothing_due_on_a_standing_clock_times_out_empty()
    {
        var clock = new SteppedClock();
        var model = new GnssReceiverModel(new ClockedVehicleSensors(new SimulatedVehicle(1, new GeoPoint(48.3, 10.9)), clock), seed: 1);
        var port = new VirtualGnssPort(model, clock, UtcAtZero);
        var buffer = new byte[4_096];

        int first = port.Read(buffer, 0, buffer.Length, 0);
        first.Should().BeGreaterThan(0, "epoch 0 is due at once");
        while (port.Read(buffer, 0, buffer.Length, 0) > 0)
        {
        }

        port.Read(buffer, 0, buffer.Length, 20).Should().Be(0);
        port.Invoking(p => p.Write([(byte)'$'], 0, 1)).Should().NotThrow("configuration commands are ignored");
    }
}
