using RydBox.Box.Host.Tests.Uplink;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Testing.Brokers;
using RydBox.Testing.Elm327;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>`rydbox-box run` as a process: a car behind a TCP adapter, a GNSS on TCP, the embedded broker.</summary>
public sealed class RunCommandTests
{
    private const string Topics = "rydbox/v1/box-0042/#";
    private static readonly TimeSpan FirstBatch = TimeSpan.FromSeconds(40);

    [Fact]
    public void Runs_a_box_that_sends_obd_and_gnss_samples_and_stops_cleanly_on_ctrl_c()
    {
        using var broker = new EmbeddedBroker(TestBrokers.Device);
        using var car = RunningCar();
        using var gnss = new NmeaServer();
        using var storage = new TemporaryDirectory();
        using TestMqttClient gateway = broker.Observe(Topics);
        using var box = Start(broker, car, gnss, storage);

        ReceivedMessage first = gateway.WaitFor(m => m.Topic.EndsWith("/telemetry"), 1, FirstBatch)
            .Should().NotBeEmpty("a batch goes out every ten seconds ({0})", box.Stderr).And.Subject.First();
        TelemetrySample sample = TelemetryDecoder.Decode(first.Payload).Samples.Last(s => s.Find(SignalIds.ForPid(0x0C, 0)) is not null);
        sample.Find(SignalIds.ForPid(0x0C, 0))!.Value.Should().Be(800, "the car idles at 800 rpm");
        sample.Find(SignalIds.Latitude)!.Value.Should().BeApproximately(NmeaServer.Latitude, 1e-4);
        sample.Find(SignalIds.Longitude)!.Value.Should().BeApproximately(NmeaServer.Longitude, 1e-4);
        StatusDecoder.Decode(gateway.Received.Last(m => m.Topic.EndsWith("/status")).Payload).Vin.Should().Be(ScriptedVehicle.Vin);

        box.Interrupt();

        box.WaitForExit(TimeSpan.FromSeconds(20)).Should().Be(0, box.Stderr);
        gateway.WaitFor(m => m.Topic.EndsWith("/status") && !StatusDecoder.Decode(m.Payload).Online, 1, TimeSpan.FromSeconds(5))
            .Should().NotBeEmpty("a clean stop says offline");
        box.Stdout.Should().Contain("ignition on").And.Contain("broker connected");
        box.Stderr.Should().Contain("messages wait in the outbox");
        File.Exists(storage.File("clean-stop")).Should().BeTrue();
    }

    [Fact]
    public void A_killed_box_is_marked_offline_by_its_last_will_and_says_why_it_restarted()
    {
        using var broker = new EmbeddedBroker(TestBrokers.Device);
        using var car = RunningCar();
        using var gnss = new NmeaServer();
        using var storage = new TemporaryDirectory();
        using TestMqttClient gateway = broker.Observe(Topics);
        using (BoxProcess box = Start(broker, car, gnss, storage))
        {
            gateway.WaitFor(m => m.Topic.EndsWith("/status") && StatusDecoder.Decode(m.Payload).Online, 1, TimeSpan.FromSeconds(20))
                .Should().NotBeEmpty(box.Stderr);
            box.KillHard();
            gateway.WaitFor(m => m.Topic.EndsWith("/status") && !StatusDecoder.Decode(m.Payload).Online, 1, TimeSpan.FromSeconds(15))
                .Should().NotBeEmpty("the broker publishes the will of a box that vanished");
        }

        using BoxProcess restarted = Start(broker, car, gnss, storage);
        EventMessage reboot = gateway.WaitFor(m => m.Topic.EndsWith("/event") && IsReboot(m, "crash"), 1, TimeSpan.FromSeconds(20))
            .Should().NotBeEmpty(restarted.Stderr).And.Subject.Select(m => EventDecoder.Decode(m.Payload)).First();
        reboot.Detail.Should().Contain("crash, kill or power loss");
    }

    [Fact]
    public void Refuses_to_start_without_a_secret_or_with_a_bad_broker_address()
    {
        using (var noSecret = new BoxProcess("", "--device-id", "box-0042"))
        {
            noSecret.WaitForExit(TimeSpan.FromSeconds(20)).Should().Be(1);
            noSecret.Stderr.Should().Contain("RYDBOX_DEVICE_SECRET");
        }

        using var badBroker = new BoxProcess("s3cret", "--device-id", "box-0042", "--broker", "http://example.org");
        badBroker.WaitForExit(TimeSpan.FromSeconds(20)).Should().Be(1);
        badBroker.Stderr.Should().Contain("mqtt://host:port");
    }

    private static ScriptedAdapterServer RunningCar() =>
        ScriptedAdapterServer.OnTcp(new ScriptedElm327(ScriptedVehicle.Typical()) { SupplyVoltage = "14.1V" });

    private static BoxProcess Start(EmbeddedBroker broker, ScriptedAdapterServer car, NmeaServer gnss, TemporaryDirectory storage) =>
        new(TestBrokers.Device.Password,
            "--elm", car.Address, "--gnss", gnss.Address, "--broker", broker.Address.ToString(),
            "--device-id", TestBrokers.Device.UserName, "--outbox", storage.Path);

    private static bool IsReboot(ReceivedMessage message, string reason)
    {
        EventMessage decoded = EventDecoder.Decode(message.Payload);
        return decoded.Type == Firmware.Events.BoxEventType.Reboot && decoded.Detail?.Contains(reason) == true;
    }
}
