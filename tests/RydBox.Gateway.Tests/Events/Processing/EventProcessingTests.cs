using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Events.Processing;

/// <summary>
/// Detection on a running gateway: a box publishes a drive over MQTT and the trip is stored;
/// batches sent out of order (an outbox replaying late) give the same trip; detection goes on
/// after a restart from the saved state.
/// </summary>
public sealed class EventProcessingTests
{
    private const int DriveSeconds = BoxDrive.DriveSeconds;
    private const double SpeedKmh = BoxDrive.SpeedKmh;
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_drive_published_by_a_box_becomes_one_trip_of_its_length()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("car-1");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-2);

        foreach ((TopicKind kind, byte[] payload) in BoxDrive.Messages(start, firstSequence: 1))
        {
            await box.SendAsync(kind, payload);
        }

        TripEvent trip = WaitForClosedTrips(gateway, device, 1).Single();
        trip.StartUnixMs.Should().BeCloseTo(start.ToUnixTimeMilliseconds(), 60_000);
        trip.EndUnixMs!.Value.Should().BeCloseTo(start.AddSeconds(DriveSeconds).ToUnixTimeMilliseconds(), 60_000);
        trip.DistanceKm.Should().BeApproximately(SpeedKmh * DriveSeconds / 3600, 0.05 * SpeedKmh * DriveSeconds / 3600);
        trip.MaxSpeedKmh.Should().BeApproximately(SpeedKmh, 1);
    }

    [Fact]
    public async Task Batches_sent_out_of_order_give_the_trip_sent_in_order()
    {
        // Late batches after the first wait for the next replay: a second here, a minute by default.
        await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["RydBox:Events:MinReplayInterval"] = "00:00:01",
            ["RydBox:Events:TickInterval"] = "00:00:01",
        });
        SeededDevice inOrder = gateway.SeedDevice("car-in-order");
        SeededDevice late = gateway.SeedDevice("car-late");
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-2);
        List<(TopicKind Kind, byte[] Payload)> drive = BoxDrive.Messages(start, firstSequence: 1);

        await using (TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, inOrder.DeviceId, inOrder.Secret))
        {
            foreach ((TopicKind kind, byte[] payload) in drive)
            {
                await box.SendAsync(kind, payload);
            }
        }

        // The first half of the drive was stuck in the outbox: everything after it arrives first.
        int half = drive.Count / 3;
        await using (TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, late.DeviceId, late.Secret))
        {
            foreach ((TopicKind kind, byte[] payload) in drive.Skip(half).Concat(drive.Take(half)))
            {
                await box.SendAsync(kind, payload);
            }
        }

        TripEvent expected = WaitForClosedTrips(gateway, inOrder, 1).Single();
        TestGateway.WaitUntil(() => ClosedTrips(gateway, late).Any(t => t.StartUnixMs == expected.StartUnixMs), Patience)
            .Should().BeTrue("the late first part of the drive moves the trip's start back to where it began");
        ClosedTrips(gateway, late).Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task Detection_goes_on_after_a_restart_where_it_stopped()
    {
        string directory = Directory.CreateTempSubdirectory("rydbox-events-").FullName;
        try
        {
            DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-3);
            List<(TopicKind Kind, byte[] Payload)> drive = BoxDrive.Messages(start, firstSequence: 1);
            int cut = drive.Count / 2;
            SeededDevice device;
            await using (TestGateway gateway = await TestGateway.StartAsync(dataDirectory: directory))
            {
                device = gateway.SeedDevice("car-1");
                await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
                foreach ((TopicKind kind, byte[] payload) in drive.Take(cut))
                {
                    await box.SendAsync(kind, payload);
                }

                TestGateway.WaitUntil(() => gateway.Count("detector_state") == 1 && Trips(gateway, device).Any(), Patience)
                    .Should().BeTrue("the trip is under way when the gateway stops");
            }

            await using (TestGateway gateway = await TestGateway.StartAsync(dataDirectory: directory))
            {
                await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
                foreach ((TopicKind kind, byte[] payload) in drive.Skip(cut))
                {
                    await box.SendAsync(kind, payload);
                }

                TripEvent trip = WaitForClosedTrips(gateway, device, 1).Single();
                trip.StartUnixMs.Should().BeCloseTo(start.ToUnixTimeMilliseconds(), 60_000, "the trip begun before the restart goes on, not a new one");
                trip.DistanceKm.Should().BeApproximately(SpeedKmh * DriveSeconds / 3600, 0.05 * SpeedKmh * DriveSeconds / 3600);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Erasing_a_device_erases_its_detected_events_and_state_for_good()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["RydBox:Events:TickInterval"] = "00:00:01",
            ["RydBox:Events:StateSaveInterval"] = "00:00:00",
            ["RydBox:Events:SampleWindow"] = "00:00:00",
        });
        SeededDevice device = gateway.SeedDevice("car-1");
        TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-2);
        foreach ((TopicKind kind, byte[] payload) in BoxDrive.Messages(start, firstSequence: 1))
        {
            await box.SendAsync(kind, payload);
        }

        WaitForClosedTrips(gateway, device, 1);

        // Detection has seen the whole drive (nothing of it is still on its way to the detectors).
        long lastRow = start.ToUnixTimeMilliseconds() + ((BoxDrive.DriveSeconds + 900) * 1000L);
        TestGateway.WaitUntil(
            () => gateway.Scalar<long>("SELECT json_extract(state, '$.WatermarkUnixMs') FROM detector_state WHERE device_id = $d", ("$d", device.DeviceId)) >= lastRow,
            Patience).Should().BeTrue();
        DeviceErasure erasure = await gateway.Services.GetRequiredService<DeviceDataEraser>().EraseAsync(device.DeviceId, deleteDevice: false, CancellationToken.None);
        erasure.DetectedEvents.Should().BeGreaterThan(0);

        // The box drops off: the broker's will reaches detection, whose state for the device is written again.
        box.Abort();
        TestGateway.WaitUntil(() => gateway.Count("detector_state", "device_id = $d", ("$d", device.DeviceId)) == 1, TimeSpan.FromSeconds(15)).Should().BeTrue();
        await Task.Delay(TimeSpan.FromSeconds(2)); // ticks run meanwhile: nothing held in memory may write the device back
        gateway.Count("vehicle_events", "device_id = $d", ("$d", device.DeviceId)).Should().Be(0);
        gateway.Count("detector_checkpoints", "device_id = $d", ("$d", device.DeviceId)).Should().Be(0);
        gateway.Scalar<string>("SELECT state FROM detector_state WHERE device_id = $d", ("$d", device.DeviceId))
            .Should().NotContain("48.1", "the state written again after the erasure starts afresh, without the old positions");
    }

    internal static List<TripEvent> Trips(TestGateway gateway, SeededDevice device) =>
        gateway.Services.GetRequiredService<VehicleEventStore>()
            .List(new EventQuery(device.TenantId, device.DeviceId, EventKinds.Trip, Ascending: true))
            .Select(e => (TripEvent)e.Event)
            .ToList();

    internal static List<TripEvent> ClosedTrips(TestGateway gateway, SeededDevice device) => Trips(gateway, device).Where(t => !t.IsOpen).ToList();

    internal static List<TripEvent> WaitForClosedTrips(TestGateway gateway, SeededDevice device, int count)
    {
        TestGateway.WaitUntil(() => ClosedTrips(gateway, device).Count >= count, Patience)
            .Should().BeTrue($"{count} closed trip(s) should be stored; have {string.Join(", ", Trips(gateway, device).Select(EventJson.Serialize))}");
        return ClosedTrips(gateway, device);
    }
}
