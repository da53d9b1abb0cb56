using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

/// <summary>The counters reach System.Diagnostics.Metrics listeners on the meter "RydBox.Gateway" of this gateway.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Received_committed_duplicates_dead_letters_and_commit_latency_are_published_on_the_gateways_meter()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        IMeterFactory factory = gateway.Services.GetRequiredService<IMeterFactory>();
        var measured = new List<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this gateway's meter: other gateways of parallel tests have their own.
                if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        SeededDevice device = gateway.SeedDevice("box-30");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        byte[] batch = WirePayloads.Telemetry(1, DateTimeOffset.UtcNow.AddMinutes(-1));
        await box.SendAsync(TopicKind.Telemetry, batch);
        await box.SendAsync(TopicKind.Telemetry, batch);
        await box.SendAsync(TopicKind.Event, [0x80]);
        (await box.PublishAsync("rydbox/v1/box-31/event", [0x80])).Should().NotBe(MQTTnet.MqttClientPublishReasonCode.Success);
        (await TestBox.TryConnectAsync(gateway.BrokerAddress, "box-30", "wrong")).Box.Should().BeNull();

        lock (measured)
        {
            Sum("rydbox.ingest.received").Should().Be(4);
            Sum("rydbox.ingest.committed").Should().Be(1);
            measured.Should().Contain(("rydbox.ingest.committed", 1, "telemetry"));
            Sum("rydbox.ingest.duplicates").Should().Be(1);
            Sum("rydbox.ingest.dead_letters").Should().Be(2);
            measured.Should().Contain(("rydbox.ingest.dead_letters", 1, DeadLetterReasons.Malformed));
            measured.Should().Contain(("rydbox.ingest.dead_letters", 1, DeadLetterReasons.TopicNotAllowed));
            measured.Where(m => m.Instrument == "rydbox.ingest.commit.duration").Should().NotBeEmpty().And.OnlyContain(m => m.Value >= 0);
            Sum("rydbox.ingest.batch.size").Should().Be(4);
            Sum("rydbox.broker.publishes.refused").Should().Be(1);
            measured.Should().Contain(("rydbox.broker.connections.refused", 1, "bad_secret"));
        }

        listener.RecordObservableInstruments();
        lock (measured)
        {
            measured.Should().Contain(("rydbox.broker.connected_devices", 1, null));
        }

        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            where T : struct
        {
            string? tag = tags.Length > 0 ? tags[0].Value?.ToString() : null;
            lock (measured)
            {
                measured.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), tag));
            }
        }

        double Sum(string instrument) => measured.Where(m => m.Instrument == instrument).Sum(m => m.Value);
    }
}
