using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

/// <summary>Boxes on the embedded broker, sending what real boxes send; SQLite as the store.</summary>
public sealed class GoodTrafficTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Batches_and_events_are_stored_exactly_once_and_redeliveries_are_acknowledged_without_storing_again(bool mqtt5)
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-1");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret, mqtt5);

        var batches = Enumerable.Range(1, 4).Select(i => WirePayloads.Telemetry(i, Start.AddSeconds(10 * i))).ToList();
        byte[] dtc = WirePayloads.Event(5, BoxEventType.DtcSet, Start.AddSeconds(45), detail: "P0301");
        byte[] battery = WirePayloads.Event(6, BoxEventType.LowBattery, Start.AddSeconds(46), value: 11_650, withPosition: false);
        foreach (byte[] batch in batches)
        {
            await box.SendAsync(TopicKind.Telemetry, batch);
        }

        await box.SendAsync(TopicKind.Event, dtc);
        await box.SendAsync(TopicKind.Event, battery);

        // An outbox replay after a lost PUBACK: the same bytes again.
        await box.SendAsync(TopicKind.Telemetry, batches[1]);
        await box.SendAsync(TopicKind.Event, dtc);
        await box.SendAsync(TopicKind.Telemetry, batches[3]);

        gateway.Count("telemetry_batches", "device_id = 'box-1'").Should().Be(4);
        gateway.Count("box_events", "device_id = 'box-1'").Should().Be(2);
        gateway.Count("received_messages", "device_id = 'box-1'").Should().Be(6);
        gateway.Metrics.Duplicates.Should().Be(3);
        gateway.Metrics.Committed.Should().Be(6);
        gateway.Metrics.DeadLetters.Should().Be(0);

        IReadOnlyList<TelemetrySample> samples = await gateway.Services.GetRequiredService<ITelemetryStore>()
            .ReadAsync("box-1", Start, Start.AddMinutes(5), CancellationToken.None);
        samples.Should().HaveCount(12, "four batches of three rows, each once");
        samples.Select(s => s.UnixMilliseconds).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
        samples[0].Find(SignalIds.Latitude)!.Value.Should().BeApproximately(48.137154, 1e-7);

        gateway.Scalar<string>("SELECT detail FROM box_events WHERE sequence = 5").Should().Be("P0301");
        gateway.Scalar<long>("SELECT latitude_e7 FROM box_events WHERE sequence = 5").Should().Be(WirePayloads.LatitudeE7);
        gateway.Scalar<long>("SELECT type FROM box_events WHERE sequence = 6").Should().Be((long)BoxEventType.LowBattery);
        gateway.Scalar<long>("SELECT value FROM box_events WHERE sequence = 6").Should().Be(11_650);
        gateway.Scalar<long?>("SELECT latitude_e7 FROM box_events WHERE sequence = 6").Should().BeNull();
    }

    [Fact]
    public async Task Latest_values_keep_the_newest_sample_when_a_backlog_arrives_late()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-2");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);

        DateTimeOffset now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(20, now, rows: 3, rpmRaw: 9000, speed: 80));
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(21, now.AddHours(-2), rows: 3, rpmRaw: 3000, speed: 10));

        gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-2' AND signal_id = $s", ("$s", WirePayloads.EngineRpm))
            .Should().Be(9008, "the last row of the newest batch; the backlog is older");
        gateway.Scalar<double>("SELECT value FROM latest_values WHERE device_id = 'box-2' AND signal_id = $s", ("$s", WirePayloads.EngineRpm))
            .Should().Be(2252, "engine rpm is raw / 4");
        gateway.Scalar<long>("SELECT time_ms FROM latest_values WHERE device_id = 'box-2' AND signal_id = $s", ("$s", WirePayloads.VehicleSpeed))
            .Should().Be(now.ToUnixTimeMilliseconds() + 2000);
        gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-2' AND signal_id = $s", ("$s", WirePayloads.VehicleSpeed))
            .Should().Be(82);

        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(22, now.AddSeconds(30), rows: 1, rpmRaw: 4000, speed: 30));
        gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-2' AND signal_id = $s", ("$s", WirePayloads.VehicleSpeed))
            .Should().Be(30, "a newer sample replaces the value");
        gateway.Count("latest_values", "device_id = 'box-2'").Should().Be(4, "latitude, longitude, rpm and speed");
    }

    [Fact]
    public async Task The_online_status_is_stored_with_the_vin_and_the_last_will_marks_a_vanished_box_offline()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-3");
        TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        DateTimeOffset boxTime = DateTimeOffset.UtcNow.AddSeconds(-5);

        await box.SendAsync(TopicKind.Status, WirePayloads.Online("1.2.0", "WVWZZZ1JZXW000001", boxTime, 0x00, 0x0C, 0x0D, 0x2F));

        gateway.Scalar<long>("SELECT online FROM device_status WHERE device_id = 'box-3'").Should().Be(1);
        gateway.Scalar<string>("SELECT firmware FROM device_status WHERE device_id = 'box-3'").Should().Be("1.2.0");
        gateway.Scalar<string>("SELECT protocol FROM device_status WHERE device_id = 'box-3'").Should().Be("ISO 15765-4 (CAN 11/500)");
        gateway.Scalar<string>("SELECT supported_pids FROM device_status WHERE device_id = 'box-3'").Should().Be("00,0C,0D,2F");
        gateway.Scalar<long>("SELECT status_ms FROM device_status WHERE device_id = 'box-3'").Should().Be(boxTime.ToUnixTimeMilliseconds());
        gateway.Scalar<string>("SELECT vin FROM devices WHERE id = 'box-3'").Should().Be("WVWZZZ1JZXW000001");

        long beforeAbort = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        box.Abort();

        TestGateway.WaitUntil(() => gateway.Scalar<long>("SELECT online FROM device_status WHERE device_id = 'box-3'") == 0)
            .Should().BeTrue("the broker publishes the box's will when its connection dies");
        gateway.Scalar<long>("SELECT status_ms FROM device_status WHERE device_id = 'box-3'")
            .Should().BeGreaterThanOrEqualTo(beforeAbort, "the will carries no time: it is stamped on arrival");
        gateway.Scalar<string>("SELECT firmware FROM device_status WHERE device_id = 'box-3'").Should().Be("1.2.0", "the offline text says nothing about the box");
        gateway.Scalar<string>("SELECT vin FROM device_status WHERE device_id = 'box-3'").Should().Be("WVWZZZ1JZXW000001");
    }

    [Fact]
    public async Task A_box_saying_goodbye_is_offline_and_its_next_online_status_wins()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-4");
        await using (TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret))
        {
            await box.SendAsync(TopicKind.Status, WirePayloads.Online("1.0.0", vin: null, time: DateTimeOffset.UtcNow));
            await box.SendAsync(TopicKind.Status, WirePayloads.Offline());
        }

        gateway.Scalar<long>("SELECT online FROM device_status WHERE device_id = 'box-4'").Should().Be(0);
        gateway.Scalar<string?>("SELECT vin FROM devices WHERE id = 'box-4'").Should().BeNull("no VIN was reported");

        await using TestBox again = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret, mqtt5: false);
        await again.SendAsync(TopicKind.Status, WirePayloads.Online("1.1.0", vin: null, time: null));
        gateway.Scalar<long>("SELECT online FROM device_status WHERE device_id = 'box-4'").Should().Be(1);
        gateway.Scalar<string>("SELECT firmware FROM device_status WHERE device_id = 'box-4'").Should().Be("1.1.0");
    }
}
