using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

/// <summary>Acknowledge after commit: what is acknowledged is on disk, what could not be stored is not acknowledged.</summary>
public sealed class AcknowledgementTests
{
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task Messages_are_acknowledged_in_order_only_once_committed_and_a_duplicate_within_one_batch_is_stored_once()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["RydBox:Ingest:MaxBatchDelayMilliseconds"] = "300" });
        gateway.SeedDevice("box-7");
        IngestPipeline pipeline = gateway.Services.GetRequiredService<IngestPipeline>();
        byte[] batch = WirePayloads.Telemetry(70, Recently);
        var acknowledged = new List<(int Index, IngestOutcome Outcome, long BatchesOnDisk, long EventsOnDisk)>();

        InboundMessage Message(int index, TopicKind kind, byte[] payload) => new(
            WireTopics.Build("box-7", kind),
            payload,
            DateTimeOffset.UtcNow,
            senderDeviceId: null,
            (outcome, _) =>
            {
                // What another connection sees at the moment of the acknowledgement.
                long batches = gateway.Count("telemetry_batches", "device_id = 'box-7'");
                long events = gateway.Count("box_events", "device_id = 'box-7'");
                lock (acknowledged)
                {
                    acknowledged.Add((index, outcome, batches, events));
                }

                return Task.CompletedTask;
            });

        (await pipeline.SubmitAsync(Message(0, TopicKind.Telemetry, batch), CancellationToken.None)).Should().BeTrue();
        (await pipeline.SubmitAsync(Message(1, TopicKind.Telemetry, batch), CancellationToken.None)).Should().BeTrue();
        (await pipeline.SubmitAsync(Message(2, TopicKind.Event, WirePayloads.Event(71, BoxEventType.IgnitionOff, Recently)), CancellationToken.None)).Should().BeTrue();
        (await pipeline.SubmitAsync(Message(3, TopicKind.Telemetry, [0x00]), CancellationToken.None)).Should().BeTrue();

        TestGateway.WaitUntil(() => { lock (acknowledged) { return acknowledged.Count == 4; } }).Should().BeTrue();
        acknowledged.Select(a => a.Index).Should().Equal(0, 1, 2, 3);
        acknowledged.Select(a => a.Outcome).Should().Equal(IngestOutcome.Stored, IngestOutcome.Duplicate, IngestOutcome.Stored, IngestOutcome.DeadLettered);
        acknowledged.Should().OnlyContain(a => a.BatchesOnDisk == 1 && a.EventsOnDisk == 1, "one transaction holds the whole batch, committed before the first acknowledgement");
        gateway.Count("dead_letters").Should().Be(1);
    }

    [Fact]
    public async Task A_commit_that_fails_is_retried_and_the_box_gets_no_puback_until_its_message_is_stored()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-8");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        SeededDevice otherDevice = gateway.SeedDevice("box-9");
        await using TestBox other = await TestBox.ConnectAsync(gateway.BrokerAddress, otherDevice.DeviceId, otherDevice.Secret);

        // A real failure inside the real database: every insert into box_events aborts its transaction.
        gateway.Execute("CREATE TRIGGER refuse_events BEFORE INSERT ON box_events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
        Task<MqttClientPublishReasonCode> eventSent = box.PublishAsync(box.Topic(TopicKind.Event), WirePayloads.Event(80, BoxEventType.IgnitionOn, Recently));
        Task<MqttClientPublishReasonCode> batchSent = other.PublishAsync(other.Topic(TopicKind.Telemetry), WirePayloads.Telemetry(90, Recently));

        TestGateway.WaitUntil(() => gateway.Metrics.CommitFailures >= 2).Should().BeTrue("the commit is retried");
        await Task.Delay(300);
        eventSent.IsCompleted.Should().BeFalse("no PUBACK before the event is stored");
        batchSent.IsCompleted.Should().BeFalse("the batch shares the failing transaction");
        gateway.Count("received_messages").Should().Be(0, "the failed transaction left nothing behind");

        gateway.Execute("DROP TRIGGER refuse_events");

        (await eventSent.WaitAsync(TestGateway.Soon)).Should().Be(MqttClientPublishReasonCode.Success);
        (await batchSent.WaitAsync(TestGateway.Soon)).Should().Be(MqttClientPublishReasonCode.Success);
        gateway.Count("box_events", "device_id = 'box-8' AND sequence = 80").Should().Be(1);
        gateway.Count("telemetry_batches", "device_id = 'box-9' AND sequence = 90").Should().Be(1);
        gateway.Metrics.Committed.Should().Be(2);
    }

    [Fact]
    public async Task Observers_hear_of_each_stored_message_once_after_its_commit()
    {
        var observer = new RecordingObserver();
        await using TestGateway gateway = await TestGateway.StartAsync(configureServices: services => services.AddSingleton<IIngestObserver>(observer));
        SeededDevice device = gateway.SeedDevice("box-10");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);

        byte[] batch = WirePayloads.Telemetry(100, Recently);
        await box.SendAsync(TopicKind.Telemetry, batch);
        await box.SendAsync(TopicKind.Telemetry, batch);
        await box.SendAsync(TopicKind.Event, WirePayloads.Event(101, BoxEventType.TowAlarmStarted, Recently));
        await box.SendAsync(TopicKind.Status, WirePayloads.Online(time: Recently));
        await box.SendAsync(TopicKind.Telemetry, [0xFF]);

        TestGateway.WaitUntil(() => observer.Messages.Count == 3).Should().BeTrue();
        observer.Messages.Select(m => m.Kind).Should().Equal(TopicKind.Telemetry, TopicKind.Event, TopicKind.Status);
        observer.Messages.Should().OnlyContain(m => m.DeviceId == "box-10" && m.TenantId == "tenant-a");
        observer.Messages[0].Telemetry!.Sequence.Should().Be(100);
        observer.Messages[1].Event!.Type.Should().Be(BoxEventType.TowAlarmStarted);
        observer.Messages[2].StatusTime.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(Recently.ToUnixTimeMilliseconds()));
    }

    private sealed class RecordingObserver : IIngestObserver
    {
        private readonly List<CommittedMessage> _messages = [];

        public IReadOnlyList<CommittedMessage> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToList();
                }
            }
        }

        public Task OnCommittedAsync(IReadOnlyList<CommittedMessage> messages, CancellationToken cancellationToken)
        {
            lock (_messages)
            {
                _messages.AddRange(messages);
            }

            return Task.CompletedTask;
        }
    }
}
