using RydBox.Firmware.Box;
using RydBox.Firmware.Events;
using RydBox.Simulator.Gnss;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Time;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>The box's GNSS path on a virtual box's clock, which runs many times faster than real time.</summary>
public sealed class AcceleratedGnssTests
{
    [Fact]
    public void The_firmware_drains_the_virtual_receiver_at_every_cycle()
    {
        var clock = new SimulationClock(1_700_000_000_000, 3_600);
        var vehicle = new SimulatedVehicle(3, new GeoPoint(48.37, 10.9, 480));
        var port = new VirtualGnssPort(new GnssReceiverModel(new ClockedVehicleSensors(vehicle, clock), 5), clock, new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc));
        var receiver = new GnssReceiver(port, clock, new BoxOptions().GnssSilentAfterMs);

        // Each 2 ms real are 7.2 s simulated: every drain finds a new epoch waiting; after the first
        // fix (half a minute) every cycle has a position, as the sampling step reads it right after draining.
        var drained = new List<(bool Sentences, bool Position)>();
        for (int i = 0; i < 20; i++)
        {
            long before = receiver.Sentences;
            Thread.Sleep(2);
            receiver.Drain();
            drained.Add((receiver.Sentences > before, GnssUsability.HasPosition(receiver.Snapshot())));
        }

        drained.Should().AllSatisfy(d => d.Sentences.Should().BeTrue());
        drained.TakeLast(5).Should().AllSatisfy(d => d.Position.Should().BeTrue());
    }
}
