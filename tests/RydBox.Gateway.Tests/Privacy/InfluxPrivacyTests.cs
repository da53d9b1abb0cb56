using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Gateway.Tests.Identity;
using RydBox.Gateway.Tests.Influx;
using RydBox.Gateway.Tests.Support;
using RydBox.Testing.Influx;
using InfluxHelper = RydBox.Gateway.Tests.Influx.Influx;

namespace RydBox.Gateway.Tests.Privacy;

/// <summary>Erasure and retention with telemetry in a real influxd (1.x, V1 API).</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxPrivacyTests(SharedInflux shared) : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-2);

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-privacy-influx-").FullName;

    [InfluxFact]
    public async Task Erasure_drops_the_vehicles_series_and_its_sqlite_rows_and_nothing_of_another()
    {
        string database = InfluxHelper.NewDatabase();
        await using TestGateway gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?>
            {
                ["RydBox:Storage:Telemetry"] = "Influx",
                ["RydBox:Storage:Influx:Url"] = shared.Server.Address.ToString(),
                ["RydBox:Storage:Influx:Database"] = database,
            },
            configureServices: services => services.AddGatewayPrivacy());
        foreach (SeededDevice device in new[] { gateway.SeedDevice("box-anna"), gateway.SeedDevice("box-bert") })
        {
            await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
            await box.SendAsync(TopicKind.Status, WirePayloads.Online(vin: device.DeviceId == "box-anna" ? VehicleData.VinA : VehicleData.VinB, time: Start));
            await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(1, Start));
            await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, Start.AddMinutes(1)));
            await box.SendAsync(TopicKind.Event, WirePayloads.Event(3, BoxEventType.DtcSet, Start.AddMinutes(2), detail: "P0301"));
        }

        // A batch left in SQLite from before the gateway moved its telemetry to InfluxDB.
        using (SqliteConnection connection = gateway.OpenDatabase())
        using (SqliteTransaction transaction = connection.BeginTransaction())
        {
            byte[] payload = WirePayloads.Telemetry(0, Start.AddDays(-100));
            SqliteTelemetryStore.Write(connection, transaction, [new IngestedBatch("box-anna", "tenant-a", TelemetryDecoder.Decode(payload), payload, Start)]);
            transaction.Commit();
        }

        InfluxHelper.CountPoints(shared.Server, database, "box-anna").Should().Be(6);
        InfluxHelper.CountPoints(shared.Server, database, "box-bert").Should().Be(6);
        var eraser = gateway.Services.GetRequiredService<DeviceDataEraser>();

        DeviceErasure erasure = await eraser.EraseAsync("box-anna", deleteDevice: false, CancellationToken.None);

        erasure.OtherTelemetryStore.Should().Be($"InfluxDB database '{database}'");
        erasure.Should().Match<DeviceErasure>(e => e.TelemetryBatches == 1 && e.LatestValues == 4 && e.BoxEvents == 1 && e.StatusRows == 1 && e.LedgerEntries == 3);
        InfluxHelper.CountPoints(shared.Server, database, "box-anna").Should().Be(0);
        shared.Server.Execute("SHOW TAG VALUES FROM telemetry WITH KEY = device", database).Should().NotContain("box-anna", "the series is dropped, index entry and all");
        InfluxHelper.CountPoints(shared.Server, database, "box-bert").Should().Be(6);
        (await gateway.Services.GetRequiredService<ITelemetryStore>().ReadAsync("box-anna", Start.AddDays(-101), Start.AddHours(1), CancellationToken.None)).Should().BeEmpty();
        VehicleData.RowsMentioning(gateway.Database, "box-anna").Keys.Should().BeEquivalentTo(["devices", "received_messages"]);
        VehicleData.RowsMentioning(gateway.Database, VehicleData.VinA).Should().BeEmpty();

        DeviceErasure again = await eraser.EraseAsync("box-anna", deleteDevice: false, CancellationToken.None);
        again.Should().Match<DeviceErasure>(e => e.TelemetryBatches + e.LatestValues + e.BoxEvents + e.StatusRows + e.DeadLetters == 0);
        InfluxHelper.CountPoints(shared.Server, database, "box-bert").Should().Be(6);
    }

    [InfluxFact]
    public async Task An_influxd_that_is_down_stops_the_erasure_before_sqlite_and_running_it_again_once_it_is_back_finishes()
    {
        using var server = new InfluxServer();
        string influxDatabase = InfluxHelper.NewDatabase();
        using InfluxTelemetryStore store = InfluxHelper.V1Store(server, influxDatabase);
        GatewayDatabase database = Database();
        new TenantRegistry(database).Add("acme", "ACME");
        new DeviceRegistry(database).Add("box-1", "acme", secret: "box-1-secret-000");
        new DeviceRegistry(database).Add("box-2", "acme", secret: "box-2-secret-000");
        await VehicleData.SeedAsync(database, store, "box-1", "acme", 1, Start, VehicleData.VinA);
        await VehicleData.SeedAsync(database, store, "box-2", "acme", 1, Start, VehicleData.VinB);
        Dictionary<string, long> seeded = VehicleData.RowsOf(database, "box-1");
        var eraser = new DeviceDataEraser(database, store);

        server.Stop();
        Func<Task> down = () => eraser.EraseAsync("box-1", deleteDevice: true, CancellationToken.None);
        (await down.Should().ThrowAsync<InfluxStoreException>()).Which.IsTransient.Should().BeTrue();
        VehicleData.RowsOf(database, "box-1").Should().Equal(seeded);
        new DeviceRegistry(database).Find("box-1")!.Revoked.Should().BeTrue();

        server.Start();
        InfluxHelper.CountPoints(server, influxDatabase, "box-1").Should().Be(3, "nothing was erased while the server was down");
        DeviceErasure finished = await eraser.EraseAsync("box-1", deleteDevice: true, CancellationToken.None);

        finished.DeviceDeleted.Should().BeTrue();
        InfluxHelper.CountPoints(server, influxDatabase, "box-1").Should().Be(0);
        VehicleData.RowsMentioning(database, "box-1").Should().BeEmpty();
        InfluxHelper.CountPoints(server, influxDatabase, "box-2").Should().Be(3);
        VehicleData.RowsOf(database, "box-2").Where(t => t.Key != "telemetry_batches").Select(t => t.Value).Should().OnlyContain(n => n > 0);
    }

    [InfluxFact]
    public async Task Retention_deletes_older_samples_of_tenants_with_a_period_only()
    {
        DateTimeOffset now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");
        string influxDatabase = InfluxHelper.NewDatabase();
        using InfluxTelemetryStore store = InfluxHelper.V1Store(shared.Server, influxDatabase);
        GatewayDatabase database = Database();
        new TenantRegistry(database).Add("short", "Short", retentionDays: 30);
        new TenantRegistry(database).Add("forever", "Forever");
        new DeviceRegistry(database).Add("s-1", "short", secret: "s-1-secret-0000");
        new DeviceRegistry(database).Add("f-1", "forever", secret: "f-1-secret-0000");
        await VehicleData.SeedAsync(database, store, "s-1", "short", 1, now.AddDays(-40));
        await VehicleData.SeedAsync(database, store, "s-1", "short", 10, now.AddDays(-10));
        await VehicleData.SeedAsync(database, store, "f-1", "forever", 1, now.AddDays(-40));
        await VehicleData.SeedAsync(database, store, "f-1", "forever", 10, now.AddDays(-10));

        RetentionReport report = await new RetentionSweeper(database, store, timeProvider: new FixedTime(now)).RunAsync(CancellationToken.None);

        report.Tenants.Should().ContainSingle().Which.Should().Match<TenantRetention>(t =>
            t.TenantId == "short" && t.Error == null && t.OtherTelemetryStore == $"InfluxDB database '{influxDatabase}'" && t.BoxEvents == 1 && t.LedgerEntries == 2);
        InfluxHelper.CountPoints(shared.Server, influxDatabase, "s-1").Should().Be(3);
        (await store.ReadAsync("s-1", now.AddDays(-50), now, CancellationToken.None)).Should().OnlyContain(s => s.UnixMilliseconds >= now.AddDays(-30).ToUnixTimeMilliseconds());
        InfluxHelper.CountPoints(shared.Server, influxDatabase, "f-1").Should().Be(6);
    }

    [InfluxFact]
    public async Task The_commands_reach_influxdb_as_the_gateway_is_configured()
    {
        string influxDatabase = InfluxHelper.NewDatabase();
        string dataDirectory = Path.Combine(_directory, "data");
        CliRun.InProcess("tenants", "add", "acme", "--name", "ACME", "--retention-days", "30", "--data-dir", dataDirectory).ExitCode.Should().Be(0);
        CliRun.InProcess("devices", "add", "box-1", "--tenant", "acme", "--data-dir", dataDirectory).ExitCode.Should().Be(0);
        CliRun.InProcess("devices", "add", "box-2", "--tenant", "acme", "--data-dir", dataDirectory).ExitCode.Should().Be(0);
        using (InfluxTelemetryStore store = InfluxHelper.V1Store(shared.Server, influxDatabase))
        {
            GatewayDatabase database = new(Path.Combine(dataDirectory, "rydbox.db"));
            await VehicleData.SeedAsync(database, store, "box-1", "acme", 1, DateTimeOffset.UtcNow.AddHours(-1));
            await VehicleData.SeedAsync(database, store, "box-2", "acme", 1, DateTimeOffset.UtcNow.AddDays(-40));
            await VehicleData.SeedAsync(database, store, "box-2", "acme", 10, DateTimeOffset.UtcNow.AddHours(-1));
        }

        // appsettings.json in the working directory, as an operator configures the gateway.
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"), $$"""
            { "RydBox": { "DataDirectory": "data", "Storage": { "Telemetry": "Influx", "Influx": { "Url": "{{shared.Server.Address}}", "Database": "{{influxDatabase}}" } } } }
            """);

        CliRun erase = CliRun.AsProcess(_directory, new Dictionary<string, string>(), "devices", "erase", "box-1", "--yes");
        erase.ExitCode.Should().Be(0, erase.ToString());
        erase.Stdout.Should().MatchRegex($@"telemetry in InfluxDB database '{influxDatabase}'\s+all samples");
        InfluxHelper.CountPoints(shared.Server, influxDatabase, "box-1").Should().Be(0);
        InfluxHelper.CountPoints(shared.Server, influxDatabase, "box-2").Should().Be(6);

        CliRun retention = CliRun.AsProcess(_directory, new Dictionary<string, string>(), "retention", "run");
        retention.ExitCode.Should().Be(0, retention.ToString());
        retention.Stdout.Should().Contain($"also deleted from InfluxDB database '{influxDatabase}'");
        InfluxHelper.CountPoints(shared.Server, influxDatabase, "box-2").Should().Be(3);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private GatewayDatabase Database() => new(Path.Combine(_directory, "rydbox.db"));
}
