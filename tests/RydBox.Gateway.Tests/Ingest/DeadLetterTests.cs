using MQTTnet;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

/// <summary>Bad input of every kind becomes a dead letter, counted by reason, and never stops good traffic.</summary>
public sealed class DeadLetterTests
{
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddMinutes(-10);

    public static TheoryData<string, string, string> BadInputs => new()
    {
        // case, topic kind suffix, expected reason
        { "malformed CBOR", "telemetry", DeadLetterReasons.Malformed },
        { "truncated batch", "telemetry", DeadLetterReasons.Truncated },
        { "empty payload", "event", DeadLetterReasons.Truncated },
        { "oversized payload", "telemetry", DeadLetterReasons.Oversized },
        { "version 2 payload", "telemetry", DeadLetterReasons.UnsupportedVersion },
        { "unknown topic kind", "bogus", DeadLetterReasons.InvalidTopic },
        { "batch a day ahead", "telemetry", DeadLetterReasons.TimeInFuture },
        { "event a day ahead", "event", DeadLetterReasons.TimeInFuture },
        { "batch from 1990", "telemetry", DeadLetterReasons.TimeBefore2000 },
        { "latitude of 95 degrees", "telemetry", DeadLetterReasons.ImplausibleValue },
        { "status that is not a status", "status", DeadLetterReasons.Malformed },
        { "command ack without its id", "cmd/ack", DeadLetterReasons.MissingField },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_message_becomes_a_dead_letter_with_its_reason_and_bytes_while_good_traffic_keeps_flowing(string name, string kind, string reason)
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-bad", tenantId: "tenant-b");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        byte[] bad = Payload(name);

        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(1, Recently));
        MqttClientPublishReasonCode answer = await box.PublishAsync($"rydbox/v1/box-bad/{kind}", bad);
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, Recently.AddSeconds(10)));

        gateway.Count("telemetry_batches", "device_id = 'box-bad'").Should().Be(2, "the good batches before and after are stored");
        gateway.Count("dead_letters").Should().Be(1, name);
        gateway.Scalar<string>("SELECT reason FROM dead_letters").Should().Be(reason);
        gateway.Scalar<string>("SELECT device_id FROM dead_letters").Should().Be("box-bad");
        gateway.Scalar<string>("SELECT tenant_id FROM dead_letters").Should().Be("tenant-b");
        gateway.Scalar<string>("SELECT topic FROM dead_letters").Should().Be($"rydbox/v1/box-bad/{kind}");
        gateway.Scalar<string>("SELECT detail FROM dead_letters").Should().NotBeNullOrWhiteSpace();
        byte[] stored = gateway.Scalar<byte[]>("SELECT payload FROM dead_letters") ?? [];
        if (reason == DeadLetterReasons.Oversized)
        {
            stored.Should().Equal(bad.Take(64 * 1024), "an oversized payload is kept up to the size limit");
        }
        else
        {
            stored.Should().Equal(bad);
        }

        gateway.Metrics.DeadLettersByReason.Should().Equal(new Dictionary<string, long> { [reason] = 1 });
        gateway.Count("received_messages").Should().Be(2, "a dead letter is not in the ledger");
        if (kind == "bogus")
        {
            answer.Should().Be(MqttClientPublishReasonCode.TopicNameInvalid, "the broker's ACL refuses the topic");
        }
        else
        {
            answer.Should().Be(MqttClientPublishReasonCode.Success, "the box must be able to drop a message the gateway will never take");
        }
    }

    [Fact]
    public async Task Dead_letters_are_bounded_and_the_oldest_go_first()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["RydBox:Ingest:DeadLetterLimit"] = "3" });
        SeededDevice device = gateway.SeedDevice("box-noisy");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);

        for (byte i = 1; i <= 5; i++)
        {
            await box.SendAsync(TopicKind.Telemetry, [0xFF, i]);
        }

        gateway.Count("dead_letters").Should().Be(3);
        using var connection = gateway.OpenDatabase();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT payload FROM dead_letters ORDER BY id";
        var kept = new List<byte>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                kept.Add(((byte[])reader[0])[1]);
            }
        }

        kept.Should().Equal(3, 4, 5);
        gateway.Metrics.DeadLettersByReason[DeadLetterReasons.Malformed].Should().Be(5, "the counter counts every one");
    }

    private static byte[] Payload(string name)
    {
        byte[] good = WirePayloads.Telemetry(7, Recently.AddSeconds(5));
        return name switch
        {
            "malformed CBOR" => [0xFF, 0x00, 0x13, 0x37],
            "truncated batch" => good[..(good.Length / 2)],
            "empty payload" => [],
            "oversized payload" => Enumerable.Repeat((byte)0xA5, (64 * 1024) + 100).ToArray(),
            "version 2 payload" => WithVersion(good, 2),
            "unknown topic kind" => good,
            "batch a day ahead" => WirePayloads.Telemetry(7, DateTimeOffset.UtcNow.AddDays(1)),
            "event a day ahead" => WirePayloads.Event(7, BoxEventType.IgnitionOn, DateTimeOffset.UtcNow.AddDays(1)),
            "batch from 1990" => WirePayloads.Telemetry(7, new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            "latitude of 95 degrees" => WirePayloads.Telemetry(7, Recently, latitudeE7: 950_000_000),
            "status that is not a status" => [0x01], // the integer 1, not a map
            "command ack without its id" => [0xA2, 0x00, 0x01, 0x02, 0xF5], // {0: 1, 2: true}
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    /// <summary>The payload starts {0: 1, …}: a map head, key 0, then the version.</summary>
    private static byte[] WithVersion(byte[] payload, byte version)
    {
        byte[] copy = payload.ToArray();
        copy[1].Should().Be(0x00, "key 0 comes first");
        copy[2] = version;
        return copy;
    }
}
