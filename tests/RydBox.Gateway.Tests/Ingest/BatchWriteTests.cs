using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

/// <summary>
/// How the writer loop writes a batch of many messages: one latest-values upsert per (device,
/// signal) carrying the newest sample of all that device's messages in the batch, every batch once.
/// </summary>
public sealed class BatchWriteTests
{
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddMinutes(-5);

    [Fact]
    public async Task Messages_of_one_device_in_one_batch_leave_each_signal_with_the_newest_sample_whatever_their_order()
    {
        // Exactly one batch of these seven messages: the writer waits for it to fill.
        await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["RydBox:Ingest:MaxBatchMessages"] = "7",
            ["RydBox:Ingest:MaxBatchDelayMilliseconds"] = "5000",
        });
        gateway.SeedDevice("box-40");
        gateway.SeedDevice("box-41");
        IngestPipeline pipeline = gateway.Services.GetRequiredService<IngestPipeline>();

        (string Device, byte[] Payload)[] messages =
        [
            ("box-40", WirePayloads.Telemetry(3, Recently.AddSeconds(-10), rpmRaw: 2000, speed: 20)),
            ("box-40", WirePayloads.Telemetry(1, Recently, rpmRaw: 4000, speed: 40)),                    // the newest, rows at +0, +1, +2 s
            ("box-41", WirePayloads.Telemetry(1, Recently.AddSeconds(30), rpmRaw: 6000, speed: 90)),     // another device, newer still
            ("box-40", WirePayloads.Telemetry(2, Recently.AddMinutes(-30), rpmRaw: 1000, speed: 10)),    // a backlog, arriving late
            ("box-40", WirePayloads.Telemetry(1, Recently, rpmRaw: 4000, speed: 40)),                    // the newest again: a redelivery
            ("box-40", WirePayloads.Telemetry(4, Recently.AddSeconds(1), rows: 2, rpmRaw: 5000, speed: 50)), // its last row ties with the newest: the first wins
            ("box-40", WirePayloads.Telemetry(5, Recently.AddSeconds(-1), rows: 1, rpmRaw: 7000, speed: 70)),
        ];
        var committed = new List<Task<IngestOutcome>>();
        foreach ((string device, byte[] payload) in messages)
        {
            InboundMessage inbound = InboundMessage.Awaitable(WireTopics.Build(device, TopicKind.Telemetry), payload, DateTimeOffset.UtcNow, device, out Task<IngestOutcome> outcome);
            (await pipeline.SubmitAsync(inbound, CancellationToken.None)).Should().BeTrue();
            committed.Add(outcome);
        }

        IngestOutcome[] outcomes = await Task.WhenAll(committed).WaitAsync(TestGateway.Soon);
        outcomes.Should().Equal(
            IngestOutcome.Stored, IngestOutcome.Stored, IngestOutcome.Stored, IngestOutcome.Stored, IngestOutcome.Duplicate, IngestOutcome.Stored, IngestOutcome.Stored);
        gateway.Count("telemetry_batches", "device_id = 'box-40'").Should().Be(5);
        gateway.Count("received_messages", "device_id = 'box-40'").Should().Be(5);

        long newest = Recently.ToUnixTimeMilliseconds() + 2000;
        Latest("box-40", WirePayloads.EngineRpm).Should().Be((newest, 4008), "the last row of the newest batch, whatever came before or after it in the batch; of equal times the first");
        Latest("box-40", WirePayloads.VehicleSpeed).Should().Be((newest, 42));
        Latest("box-40", SignalIds.Latitude).Should().Be((newest, WirePayloads.LatitudeE7 + 200));
        Latest("box-41", WirePayloads.EngineRpm).Should().Be((Recently.ToUnixTimeMilliseconds() + 32_000, 6008), "each device has its own");
        gateway.Count("latest_values", "device_id = 'box-40'").Should().Be(4, "one row per signal");

        (long, long) Latest(string device, int signal) =>
            (gateway.Scalar<long>("SELECT time_ms FROM latest_values WHERE device_id = $d AND signal_id = $s", ("$d", device), ("$s", signal)),
             gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = $d AND signal_id = $s", ("$d", device), ("$s", signal)));
    }

    [Fact]
    public async Task A_batch_with_more_signals_than_one_upsert_statement_holds_stores_every_latest_value()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-43");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);

        // 40 OBD signals (PIDs 0x20 … 0x47), two rows; some only in the first row.
        int[] signals = Enumerable.Range(0x20, 40).Select(pid => SignalIds.ForPid((byte)pid, 0)).ToArray();
        var batch = new TelemetryBatch(2, 48);
        long t0 = Recently.ToUnixTimeMilliseconds();
        batch.BeginRow(t0);
        for (int i = 0; i < signals.Length; i++)
        {
            batch.Set(signals[i], 100 + i);
        }

        batch.BeginRow(t0 + 1000);
        for (int i = 0; i < signals.Length; i += 2)
        {
            batch.Set(signals[i], 200 + i);
        }

        var buffer = new byte[64 * 1024];
        int length = new TelemetryEncoder().Encode(batch, 1, buffer);
        length.Should().BePositive();
        await box.SendAsync(TopicKind.Telemetry, buffer[..length]);

        gateway.Count("latest_values", "device_id = 'box-43'").Should().Be(40);
        for (int i = 0; i < signals.Length; i++)
        {
            bool inSecondRow = i % 2 == 0;
            gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-43' AND signal_id = $s", ("$s", signals[i]))
                .Should().Be(inSecondRow ? 200 + i : 100 + i);
            gateway.Scalar<long>("SELECT time_ms FROM latest_values WHERE device_id = 'box-43' AND signal_id = $s", ("$s", signals[i]))
                .Should().Be(inSecondRow ? t0 + 1000 : t0);
        }

        // A later batch whose newest row ties with what is stored keeps what is stored; a newer one replaces it.
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, Recently, rows: 2, rpmRaw: 9000));
        long rpm = gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-43' AND signal_id = $s", ("$s", WirePayloads.EngineRpm));
        rpm.Should().Be(9004);
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(3, Recently.AddSeconds(1), rows: 1, rpmRaw: 3000));
        gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-43' AND signal_id = $s", ("$s", WirePayloads.EngineRpm))
            .Should().Be(9004, "a sample no newer than the stored one does not replace it");
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(4, Recently.AddSeconds(2), rows: 1, rpmRaw: 3000));
        gateway.Scalar<long>("SELECT raw FROM latest_values WHERE device_id = 'box-43' AND signal_id = $s", ("$s", WirePayloads.EngineRpm))
            .Should().Be(3000);
    }
}
