using Microsoft.Data.Sqlite;
using RydBox.Firmware.Events;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Elm327;
using RydBox.Testing.Brokers;

namespace RydBox.Simulator.Tests.Demo;

/// <summary>`rydbox-sim demo` as a user runs it: a real process, the whole gateway inside, every scenario through the real firmware.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private static readonly TimeSpan DemoTimeout = TimeSpan.FromMinutes(4);

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-demo-test-").FullName;

    [Fact]
    public void The_demo_plays_every_scenario_through_a_real_gateway_and_a_second_run_starts_afresh()
    {
        string dataDirectory = Path.Combine(_directory, "data");
        using (SimulatorProcess demo = Demo(dataDirectory, vehicles: 9))
        {
            demo.WaitForLine("== Summary ==", DemoTimeout);
            demo.WaitForLine("nothing lost, nothing stored twice");
            demo.WaitForLine("dead letters       0");
            demo.WaitForLine("query vehicles --url http://127.0.0.1:");
            demo.WaitForExit(DemoTimeout).Should().Be(0);
        }

        IReadOnlyList<GroundTruth> truth = GroundTruthFile.Read(Path.Combine(dataDirectory, "ground-truth.jsonl"));
        truth.Select(t => t.Scenario).Should().Equal(ScenarioCatalog.All.Select(s => s.Name));
        using (SqliteConnection database = Open(dataDirectory))
        {
            Count(database, "SELECT count(DISTINCT device_id) FROM telemetry_batches").Should().Be(9);
            Count(database, $"SELECT count(*) FROM box_events WHERE type = {(int)BoxEventType.IgnitionOn}")
                .Should().Be(truth.Sum(t => t.OfKind<TripTruth>().Count()), "every trip that really happened was seen by its box");
            Count(database, $"SELECT count(*) FROM box_events WHERE type = {(int)BoxEventType.TowAlarmStarted} AND device_id = 'demo-003'").Should().Be(1, "demo-003 was towed");
            Count(database, $"SELECT count(*) FROM box_events WHERE type = {(int)BoxEventType.TowAlarmStarted} AND device_id <> 'demo-003'").Should().Be(0, "nobody else was");
            Count(database, $"SELECT count(*) FROM box_events WHERE type = {(int)BoxEventType.DtcSet} AND device_id = 'demo-006' AND detail = '{ScenarioCatalog.MisfireCode}'").Should().Be(1);
            Count(database, $"SELECT count(*) FROM box_events WHERE type = {(int)BoxEventType.LowBattery} AND device_id = 'demo-007'").Should().Be(1);

            // What the gateway's own detectors made of it.
            Count(database, "SELECT count(*) FROM vehicle_events WHERE kind = 'trip' AND end_ms IS NOT NULL AND withdrawn_ms IS NULL")
                .Should().Be(truth.Sum(t => t.OfKind<TripTruth>().Count()), "the logbook holds every trip driven, and nothing else");
            Count(database, "SELECT count(*) FROM vehicle_events WHERE kind = 'towing' AND device_id = 'demo-003'").Should().Be(1, "one towing alert for the towed car");
            Count(database, "SELECT count(*) FROM vehicle_events WHERE kind = 'towing' AND device_id <> 'demo-003'").Should().Be(0, "no false towing alarm");
        }

        using (SimulatorProcess again = Demo(dataDirectory, vehicles: 2))
        {
            again.WaitForLine("nothing lost, nothing stored twice", DemoTimeout);
            again.WaitForExit(DemoTimeout).Should().Be(0);
        }

        using (SqliteConnection database = Open(dataDirectory))
        {
            Count(database, "SELECT count(DISTINCT device_id) FROM telemetry_batches").Should().Be(9, "the earlier run's other devices keep their data");
            Count(database, "SELECT count(*) FROM dead_letters").Should().Be(0, "the new boxes' sequence numbers were not taken for redeliveries");
        }
    }

    [Fact]
    public void A_taken_port_is_refused_with_the_option_to_choose_another()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int taken = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        using SimulatorProcess demo = SimulatorProcess.Start("demo", "--exit", "--data-dir", Path.Combine(_directory, "taken"), "--broker-port", taken.ToString(System.Globalization.CultureInfo.InvariantCulture));

        demo.WaitForLine($"port {taken} on 127.0.0.1 is in use").Should().Contain("--broker-port");
        demo.WaitForExit().Should().Be(1);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SimulatorProcess Demo(string dataDirectory, int vehicles) => SimulatorProcess.Start(
        "demo", "--exit", "--vehicles", vehicles.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory,
        "--broker-port", FreePort.Pick().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--api-port", FreePort.Pick().ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "rydbox.db"), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
