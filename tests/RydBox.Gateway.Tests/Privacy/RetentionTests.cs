using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Contract;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Privacy;

public sealed class RetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-retention-").FullName;

    [Fact]
    public async Task A_pass_deletes_only_what_is_older_than_the_tenants_period_and_leaves_tenants_without_one_alone()
    {
        GatewayDatabase database = Database();
        var tenants = new TenantRegistry(database);
        tenants.Add("short", "Short", retentionDays: 30);
        tenants.Add("forever", "Forever");
        var devices = new DeviceRegistry(database);
        devices.Add("s-1", "short", secret: "s-1-secret-0000");
        devices.Add("s-2", "short", secret: "s-2-secret-0000");
        devices.Add("f-1", "forever", secret: "f-1-secret-0000");
        var store = new SqliteTelemetryStore(database);
        DateTimeOffset cutoff = Now.AddDays(-30);

        await VehicleData.SeedAsync(database, store, "s-1", "short", 1, Now.AddDays(-40), VehicleData.VinA);
        await VehicleData.SeedAsync(database, store, "s-1", "short", 10, Now.AddDays(-10));
        await VehicleData.SeedAsync(database, store, "s-1", "short", 20, cutoff.AddSeconds(-1)); // three rows: ends after the cutoff
        await VehicleData.SeedAsync(database, store, "s-2", "short", 1, Now.AddDays(-40));
        await VehicleData.SeedAsync(database, store, "f-1", "forever", 1, Now.AddDays(-400), VehicleData.VinB);
        await VehicleData.SeedAsync(database, store, "f-1", "forever", 10, Now.AddDays(-10));
        Dictionary<string, long> forever = VehicleData.RowsOf(database, "f-1");

        RetentionReport report = await new RetentionSweeper(database, store, timeProvider: new FixedTime(Now)).RunAsync(CancellationToken.None);

        report.At.Should().Be(Now);
        report.KeptForever.Should().Equal("forever");
        report.Failed.Should().BeFalse();
        report.Tenants.Should().ContainSingle().Which.Should().BeEquivalentTo(new TenantRetention(
            "short", 30, cutoff, Devices: 2, TelemetryBatches: 2, OtherTelemetryStore: null,
            LatestValues: 4, BoxEvents: 3, DeadLetters: 3, LedgerEntries: 6, Error: null));

        Sequences(database, "telemetry_batches", "s-1").Should().Equal(10, 20);
        Sequences(database, "box_events", "s-1").Should().Equal([11], "the event at the cutoff − 1 s is older");
        Sequences(database, "received_messages", "s-1").Should().Equal([10, 11], "ledger entries go by when they arrived");
        VehicleData.Scalar(database, "SELECT count(*) FROM dead_letters WHERE device_id = 's-1'").Should().Be(1);
        VehicleData.Scalar(database, "SELECT min(time_ms) FROM latest_values WHERE device_id = 's-1'").Should().BeGreaterThanOrEqualTo(cutoff.ToUnixTimeMilliseconds());
        VehicleData.RowsOf(database, "s-2").Values.Should().OnlyContain(n => n == 0, "everything s-2 sent is 40 days old");
        VehicleData.Scalar(database, "SELECT count(*) FROM device_status WHERE device_id = 's-1'").Should().Be(1, "the status is the box's configuration, not history");
        VehicleData.RowsOf(database, "f-1").Should().Equal(forever);
        (await store.ReadAsync("f-1", Now.AddDays(-401), Now, CancellationToken.None)).Should().HaveCount(6);
        (await store.ReadAsync("s-1", Now.AddDays(-401), Now, CancellationToken.None)).Should().HaveCount(6, "the batch across the cutoff is kept whole, as the SQLite store keeps batches");

        RetentionReport again = await new RetentionSweeper(database, store, timeProvider: new FixedTime(Now)).RunAsync(CancellationToken.None);
        again.Tenants.Single().Deleted.Should().Be(0);
    }

    [Fact]
    public async Task The_gateway_runs_passes_on_its_own_by_the_clock_it_is_given()
    {
        // The gateway's clock runs 20 days ahead, so with 30 days of retention "older than 10 days" goes.
        var clock = new ShiftedTime(TimeSpan.FromDays(20));
        await using TestGateway gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?>
            {
                ["RydBox:Privacy:RetentionFirstRunDelay"] = "00:00:00",
                ["RydBox:Privacy:RetentionInterval"] = "00:00:00.200",
            },
            configureServices: services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddGatewayPrivacy();
            });
        SeededDevice box = gateway.SeedDevice("box-new", "short");
        gateway.SeedDevice("box-kept", "forever");
        gateway.Services.GetRequiredService<TenantRegistry>().SetRetention("short", 30);
        var service = gateway.Services.GetRequiredService<RetentionService>();

        await using (TestBox sender = await TestBox.ConnectAsync(gateway.BrokerAddress, box.DeviceId, box.Secret))
        {
            await sender.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(1, DateTimeOffset.UtcNow.AddDays(-15)));
            await sender.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, DateTimeOffset.UtcNow.AddDays(-5)));
        }

        using (SqliteConnection connection = gateway.OpenDatabase())
        using (SqliteTransaction transaction = connection.BeginTransaction())
        {
            byte[] payload = WirePayloads.Telemetry(1, DateTimeOffset.UtcNow.AddDays(-15));
            SqliteTelemetryStore.Write(connection, transaction, [new IngestedBatch("box-kept", "forever", TelemetryDecoder.Decode(payload), payload, DateTimeOffset.UtcNow)]);
            transaction.Commit();
        }

        TestGateway.WaitUntil(() => gateway.Count("telemetry_batches", "device_id = 'box-new' AND sequence = 1") == 0)
            .Should().BeTrue("a pass runs every 200 ms and the batch is 15 days old on a clock 20 days ahead");
        gateway.Count("telemetry_batches", "device_id = 'box-new' AND sequence = 2").Should().Be(1);
        gateway.Count("telemetry_batches", "device_id = 'box-kept'").Should().Be(1, "its tenant keeps everything");
        service.Passes.Should().BeGreaterThan(0);
        service.LastReport!.At.Should().BeAfter(DateTimeOffset.UtcNow.AddDays(19), "the pass used the clock from the services");
        service.LastReport.KeptForever.Should().Equal("forever");
    }

    [Fact]
    public void Options_come_from_the_privacy_section_and_bad_ones_name_their_key()
    {
        PrivacyOptions defaults = PrivacyOptions.From(new ConfigurationBuilder().Build());
        defaults.Should().BeEquivalentTo(new PrivacyOptions { RetentionEnabled = true, RetentionInterval = TimeSpan.FromHours(1), RetentionFirstRunDelay = TimeSpan.FromMinutes(1) });

        PrivacyOptions set = PrivacyOptions.From(Configuration(("RetentionInterval", "00:15:00"), ("RetentionEnabled", "false")));
        set.RetentionInterval.Should().Be(TimeSpan.FromMinutes(15));
        set.RetentionEnabled.Should().BeFalse();

        FluentActions.Invoking(() => PrivacyOptions.From(Configuration(("RetentionInterval", "00:00:00"))))
            .Should().Throw<InvalidOperationException>().WithMessage("RydBox:Privacy:RetentionInterval must be positive*");
        FluentActions.Invoking(() => PrivacyOptions.From(Configuration(("RetentionFirstRunDelay", "-00:01:00"))))
            .Should().Throw<InvalidOperationException>().WithMessage("RydBox:Privacy:RetentionFirstRunDelay*");
    }

    [Fact]
    public async Task Detected_events_expire_with_the_period_but_trips_and_open_episodes_stay()
    {
        GatewayDatabase database = Database();
        new TenantRegistry(database).Add("short", "Short", retentionDays: 30);
        new DeviceRegistry(database).Add("s-1", "short", secret: "s-1-secret-0000");
        long old = Now.AddDays(-40).ToUnixTimeMilliseconds(), recent = Now.AddDays(-10).ToUnixTimeMilliseconds();
        var place = new Place(48.1, 11.5);
        using (SqliteConnection connection = database.Open())
        using (SqliteTransaction transaction = connection.BeginTransaction())
        {
            VehicleEventStore.Upsert(connection, transaction, "short", "s-1", new OfflineEvent(old, old + 60_000), recent);
            VehicleEventStore.Upsert(connection, transaction, "short", "s-1", new OfflineEvent(old + 120_000, null), recent);
            VehicleEventStore.Upsert(connection, transaction, "short", "s-1", new TripEvent(old + 1, old + 600_000, place, place, 5, 50, 30, null, TripSource.Ignition), recent);
            VehicleEventStore.Upsert(connection, transaction, "short", "s-1", new DtcEvent(recent, "P0301", Cleared: false), recent);
            transaction.Commit();
        }

        RetentionReport report = await new RetentionSweeper(database, new SqliteTelemetryStore(database), timeProvider: new FixedTime(Now)).RunAsync(CancellationToken.None);

        report.Tenants.Single().DetectedEvents.Should().Be(1, "only the episode that ended 40 days ago goes");
        new VehicleEventStore(database).List(new EventQuery("short", Ascending: true)).Select(e => e.Event.Key).Should().Equal(
            $"trip:{old + 1}", $"offline:{old + 120_000}", $"dtc:{recent}:P0301:set");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"RydBox:Privacy:{s.Key}", s.Value)))
            .Build();

    private static List<long> Sequences(GatewayDatabase database, string table, string deviceId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"SELECT sequence FROM {table} WHERE device_id = $device ORDER BY sequence";
        select.Parameters.AddWithValue("$device", deviceId);
        var sequences = new List<long>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    private GatewayDatabase Database() => new(Path.Combine(_directory, "rydbox.db"));
}
