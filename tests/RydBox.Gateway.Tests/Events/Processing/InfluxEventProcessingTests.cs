using RydBox.Contract;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Influx;
using RydBox.Gateway.Tests.Support;
using InfluxHelper = RydBox.Gateway.Tests.Influx.Influx;

namespace RydBox.Gateway.Tests.Events.Processing;

/// <summary>Detection with telemetry in a real influxd: a replay of late data reads the rows back from InfluxDB.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxEventProcessingTests(SharedInflux shared)
{
    [InfluxFact]
    public async Task Batches_sent_out_of_order_give_the_trip_sent_in_order_with_telemetry_in_influxdb()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["RydBox:Storage:Telemetry"] = "Influx",
            ["RydBox:Storage:Influx:Url"] = shared.Server.Address.ToString(),
            ["RydBox:Storage:Influx:Database"] = InfluxHelper.NewDatabase(),
            ["RydBox:Events:MinReplayInterval"] = "00:00:01",
            ["RydBox:Events:TickInterval"] = "00:00:01",
        });
        SeededDevice inOrder = gateway.SeedDevice("car-in-order");
        SeededDevice late = gateway.SeedDevice("car-late");
        List<(TopicKind Kind, byte[] Payload)> drive = BoxDrive.Messages(DateTimeOffset.UtcNow.AddHours(-2), firstSequence: 1);
        int third = drive.Count / 3;

        await Send(gateway, inOrder, drive);
        await Send(gateway, late, [.. drive.Skip(third), .. drive.Take(third)]);

        TripEvent expected = EventProcessingTests.WaitForClosedTrips(gateway, inOrder, 1).Single();
        TestGateway.WaitUntil(() => EventProcessingTests.ClosedTrips(gateway, late).Any(t => t.StartUnixMs == expected.StartUnixMs), EventProcessingTests.Patience)
            .Should().BeTrue("the replay read the late first part of the drive back from InfluxDB");
        EventProcessingTests.ClosedTrips(gateway, late).Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
    }

    private static async Task Send(TestGateway gateway, SeededDevice device, IEnumerable<(TopicKind Kind, byte[] Payload)> messages)
    {
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        foreach ((TopicKind kind, byte[] payload) in messages)
        {
            await box.SendAsync(kind, payload);
        }
    }
}
