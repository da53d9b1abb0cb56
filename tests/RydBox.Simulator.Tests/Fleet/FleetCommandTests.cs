using System.Globalization;
using RydBox.Contract;
using RydBox.Simulator.Fleet;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Elm327;
using RydBox.Testing.Brokers;

namespace RydBox.Simulator.Tests.Fleet;

/// <summary>`rydbox-sim fleet` as a real process against a broker that knows the devices.</summary>
public sealed class FleetCommandTests : IDisposable
{
    private static readonly TimeSpan FleetTimeout = TimeSpan.FromMinutes(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-fleet-test-").FullName;

    [Fact]
    public void A_fleet_logs_in_as_the_listed_devices_plays_its_scenarios_and_reports_its_own_cost()
    {
        BrokerAccount[] accounts = Enumerable.Range(1, 12).Select(i => new BrokerAccount($"fleet-{i:00}", $"secret-{i}")).ToArray();
        var broker = new EmbeddedBroker(accounts);
        broker.Start();
        using TestMqttClient telemetry = broker.Observe("rydbox/v1/+/telemetry");
        string devices = Path.Combine(_directory, "devices.csv");
        File.WriteAllLines(devices, ["# id,secret", .. accounts.Select(a => $"{a.UserName},{a.Password}")]);
        string truthFile = Path.Combine(_directory, "truth.jsonl");

        using (SimulatorProcess fleet = SimulatorProcess.Start(
            "fleet", "--broker", broker.Address.ToString(), "--devices", devices, "--scenarios", "towed",
            "--speed", "120", "--parked-speed", "3600", "--truth", truthFile))
        {
            fleet.WaitForLine("fleet: 12 boxes against").Should().Contain("towed");
            fleet.WaitForLine("simulator CPU", FleetTimeout).Should().MatchRegex(@"delivered [\d,]+ msg/s .* simulator CPU \d+\.\d\d s/s, [\d,.]+ KB a box");
            fleet.WaitForExit(FleetTimeout).Should().Be(0, "every box delivered everything");
        }

        IReadOnlyList<GroundTruth> truth = GroundTruthFile.Read(truthFile);
        truth.Select(t => t.DeviceId).Should().BeEquivalentTo(accounts.Select(a => a.UserName));
        truth.Should().OnlyContain(t => t.OfKind<TowTruth>().Count() == 1);
        var senders = telemetry.Received
            .Select(m => (Device: WireTopics.Parse(m.Topic).DeviceId, Batch: TelemetryDecoder.Decode(m.Payload)))
            .ToList();
        senders.Select(s => s.Device).Distinct().Should().BeEquivalentTo(accounts.Select(a => a.UserName), "each box publishes as its own device");
        broker.RefusedConnections.Should().Be(0);
    }

    [Fact]
    public void A_malformed_devices_file_is_refused_with_its_line()
    {
        string devices = Path.Combine(_directory, "devices.csv");
        File.WriteAllLines(devices, ["box-1,secret", "box-2"]);

        using SimulatorProcess fleet = SimulatorProcess.Start("fleet", "--broker", "mqtt://127.0.0.1:1", "--devices", devices);

        fleet.WaitForLine("fleet:").Should().Contain($"{devices}:2: expected 'device-id,secret'");
        fleet.WaitForExit().Should().Be(2);
    }

    [Fact]
    public void The_device_file_skips_comments_and_refuses_a_device_listed_twice()
    {
        string devices = Path.Combine(_directory, "twice.csv");
        File.WriteAllLines(devices, ["# comment", "", "a, s1", "a,s2"]);

        FluentActions.Invoking(() => DeviceFile.Read(devices)).Should().Throw<InvalidDataException>().WithMessage("*twice.csv:4: device a is listed twice");
        File.WriteAllLines(devices, ["# comment", "", "a, s1", "b,s2"]);
        DeviceFile.Read(devices).Should().Equal(("a", "s1"), ("b", "s2"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
