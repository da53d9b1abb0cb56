using RydBox.Box.Host.Tests.Uplink;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Testing.Brokers;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>
/// The whole box against real brokers: every sample reaches the broker once and in order through
/// a broker restart, a five-minute outage, a box restart and a write torn by a power cut; a full
/// outbox drops the oldest and says so; a box that dies is marked offline.
/// </summary>
public sealed class DeliveryTests
{
    private const string StatusTopic = "rydbox/v1/box-0042/status";
    private const string DeviceTopics = "rydbox/v1/box-0042/#";
    private const int OutboxHeaderLength = 20;

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void Every_sample_arrives_once_and_in_order_across_a_broker_restart(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var storage = new TemporaryDirectory();
        using var box = new BoxRig(broker, storage.Path, new JumpingClock());
        using TestMqttClient before = broker.Observe(DeviceTopics);

        box.Run(TimeSpan.FromSeconds(40));
        broker.Stop();
        box.Run(TimeSpan.FromSeconds(30));
        broker.Start();
        using TestMqttClient after = broker.Observe(DeviceTopics);
        box.Run(TimeSpan.FromSeconds(30));
        box.Drain();

        box.Runtime.Session.Reconnects.Should().BeGreaterThan(0);
        ShouldHoldEverySampleOnceInOrder(Delivered.From(before, after), box.Runtime.SamplesQueued);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_five_minute_outage_is_replayed_from_the_outbox(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var storage = new TemporaryDirectory();
        using var box = new BoxRig(broker, storage.Path, new JumpingClock());
        using TestMqttClient before = broker.Observe(DeviceTopics);
        box.Run(TimeSpan.FromSeconds(20));

        broker.Stop();
        box.Run(TimeSpan.FromMinutes(5));
        int waitingAfterOutage = box.Runtime.Outbox.Count;
        broker.Start();
        using TestMqttClient after = broker.Observe(DeviceTopics);
        box.Run(TimeSpan.FromSeconds(20));
        box.Drain();

        waitingAfterOutage.Should().BeGreaterThanOrEqualTo(29, "five minutes at 1 Hz in ten-second batches");
        Delivered delivered = Delivered.From(before, after);
        ShouldHoldEverySampleOnceInOrder(delivered, box.Runtime.SamplesQueued);
        delivered.SampleTimes.Count.Should().BeGreaterThanOrEqualTo(300);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_box_restart_keeps_the_outbox_and_continues_the_sequence(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var storage = new TemporaryDirectory();
        using TestMqttClient observer = broker.Observe(DeviceTopics);
        var clock = new JumpingClock();
        long firstRunSamples;
        using (var first = new BoxRig(broker, storage.Path, clock))
        {
            first.Run(TimeSpan.FromSeconds(25));
            broker.Stop();
            first.Run(TimeSpan.FromSeconds(25));
            first.Runtime.Stop();
            first.Runtime.RunSampling();    // a clean stop queues the partial batch
            firstRunSamples = first.Runtime.SamplesQueued;
            first.Runtime.Outbox.Count.Should().BeGreaterThan(0, "the outage left messages waiting");
        }

        broker.Start();
        using TestMqttClient afterRestart = broker.Observe(DeviceTopics);
        using var second = new BoxRig(broker, storage.Path, clock);
        second.Run(TimeSpan.FromSeconds(25));
        second.Drain();

        Delivered delivered = Delivered.From(observer, afterRestart);
        ShouldHoldEverySampleOnceInOrder(delivered, firstRunSamples + second.Runtime.SamplesQueued);
        delivered.EventsOf(BoxEventType.Reboot).Should().HaveCount(2);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_write_torn_by_a_power_cut_loses_only_that_message(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        broker.Stop();
        using var storage = new TemporaryDirectory();
        var clock = new JumpingClock();
        long firstRunSamples;
        int tornSamples;
        using (var first = new BoxRig(broker, storage.Path, clock))
        {
            first.Run(TimeSpan.FromSeconds(60));
            first.PowerCut();
            firstRunSamples = first.Runtime.SamplesQueued;
        }

        string torn = storage.EntryFiles().Last(IsTelemetryEntry);
        tornSamples = TelemetryDecoder.Decode(File.ReadAllBytes(torn).AsMemory(OutboxHeaderLength)).Samples.Count;
        byte[] whole = File.ReadAllBytes(torn);
        File.WriteAllBytes(torn, whole[..(whole.Length / 2)]);

        broker.Start();
        using TestMqttClient observer = broker.Observe(DeviceTopics);
        using var second = new BoxRig(broker, storage.Path, clock);
        second.Runtime.Outbox.CorruptEntriesDiscarded.Should().Be(1);
        second.Run(TimeSpan.FromSeconds(15));
        second.Drain();

        tornSamples.Should().BeGreaterThan(0);
        ShouldHoldEverySampleOnceInOrder(Delivered.From(observer), firstRunSamples - tornSamples + second.Runtime.SamplesQueued);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_tiny_outbox_drops_the_oldest_and_reports_how_many(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        broker.Stop();
        using var storage = new TemporaryDirectory();
        using var box = new BoxRig(broker, storage.Path, new JumpingClock(), outboxCapacityBytes: 3000);
        long start = Now(box);

        box.Run(TimeSpan.FromMinutes(5));
        broker.Start();
        using TestMqttClient observer = broker.Observe(DeviceTopics);
        box.Run(TimeSpan.FromSeconds(20));
        box.Drain();

        Delivered delivered = Delivered.From(observer);
        long dropped = box.Runtime.Outbox.DroppedSinceStart;
        dropped.Should().BeGreaterThan(0);
        delivered.EventsOf(BoxEventType.OutboxDropped).Sum(e => e.Value).Should().Be(dropped, "every drop is reported");
        IReadOnlyList<long> times = delivered.SampleTimes;
        times.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        times.Count.Should().BeLessThan((int)box.Runtime.SamplesQueued);
        times[0].Should().BeGreaterThan(start + 60_000, "the oldest samples were the ones dropped");
        times[^1].Should().BeGreaterThan(Now(box) - 15_000, "the newest samples all arrive");
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [MosquittoData]
    public void A_box_that_dies_is_marked_offline_by_its_last_will(BrokerKind kind)
    {
        using ITestBroker broker = TestBrokers.Start(kind);
        using var storage = new TemporaryDirectory();
        using var box = new BoxRig(broker, storage.Path, new JumpingClock());
        box.Run(TimeSpan.FromSeconds(5));
        using TestMqttClient observer = broker.Observe(StatusTopic);
        observer.WaitFor(m => StatusDecoder.Decode(m.Payload).Online, 1, TimeSpan.FromSeconds(5)).Should().NotBeEmpty();

        box.PowerCut();

        observer.WaitFor(m => !StatusDecoder.Decode(m.Payload).Online, 1, TimeSpan.FromSeconds(15))
            .Should().NotBeEmpty("the broker publishes the last will when the connection dies");
    }

    private static void ShouldHoldEverySampleOnceInOrder(Delivered delivered, long samplesQueued)
    {
        IReadOnlyList<long> times = delivered.SampleTimes;
        times.Should().OnlyHaveUniqueItems("no sample is stored twice");
        times.Should().BeInAscendingOrder("sequence order is sampling order");
        times.Should().HaveCount((int)samplesQueued, "every sample the box queued arrives");
    }

    private static bool IsTelemetryEntry(string file)
    {
        try
        {
            TelemetryDecoder.Decode(File.ReadAllBytes(file).AsMemory(OutboxHeaderLength));
            return true;
        }
        catch (WireFormatException)
        {
            return false;
        }
    }

    private static long Now(BoxRig box)
    {
        box.Clock.TryGetUnixMilliseconds(out long now);
        return now;
    }
}
