using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Gateway.Tests.Support;
using RydBox.Testing.Brokers;

namespace RydBox.Gateway.Tests.Privacy;

/// <summary>Erasure of one vehicle's data: boxes on the embedded broker, SQLite as the store.</summary>
public sealed class ErasureTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task Erasure_leaves_no_trace_of_the_vehicle_keeps_every_other_and_a_replayed_batch_is_not_stored_again()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(configureServices: services => services.AddGatewayPrivacy());
        SeededDevice anna = gateway.SeedDevice("box-anna");
        SeededDevice bert = gateway.SeedDevice("box-bert");
        byte[] annasFirstBatch = WirePayloads.Telemetry(1, Start);
        await SendDayAsync(gateway, anna, VehicleData.VinA, annasFirstBatch);
        await SendDayAsync(gateway, bert, VehicleData.VinB, WirePayloads.Telemetry(1, Start));

        VehicleData.RowsOf(gateway.Database, "box-anna").Should().Equal(new Dictionary<string, long>
        {
            ["telemetry_batches"] = 2, ["latest_values"] = 4, ["box_events"] = 1, ["device_status"] = 1, ["dead_letters"] = 1, ["received_messages"] = 3,
        });
        Dictionary<string, long> bertBefore = VehicleData.RowsOf(gateway.Database, "box-bert");
        ITelemetryStore store = gateway.Services.GetRequiredService<ITelemetryStore>();
        int bertSamples = (await store.ReadAsync("box-bert", Start.AddHours(-1), Start.AddHours(1), CancellationToken.None)).Count;
        bertSamples.Should().Be(6);
        gateway.Scalar<string>("SELECT vin FROM devices WHERE id = 'box-anna'").Should().Be(VehicleData.VinA, "the status told the gateway");

        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        DeviceErasure erasure = await gateway.Services.GetRequiredService<DeviceDataEraser>().EraseAsync("box-anna", deleteDevice: false, CancellationToken.None);

        erasure.Should().BeEquivalentTo(new DeviceErasure(
            "box-anna", "tenant-a", DeviceKnown: true, TelemetryBatches: 2, OtherTelemetryStore: null, LatestValues: 4, BoxEvents: 1, StatusRows: 1,
            DeadLetters: 1, LedgerEntries: 3, LedgerDeleted: false, VinCleared: true, DeviceDeleted: false, MosquittoHashes: 0));
        VehicleData.RowsMentioning(gateway.Database, "box-anna").Should().Equal(
            new Dictionary<string, long> { ["devices"] = 1, ["received_messages"] = 3 },
            "the device stays, and the ledger keeps its keys");
        VehicleData.RowsMentioning(gateway.Database, VehicleData.VinA).Should().BeEmpty("the VIN identifies the vehicle");
        gateway.Scalar<long>("SELECT count(DISTINCT received_ms) FROM received_messages WHERE device_id = 'box-anna'").Should().Be(1, "no receive times are left");
        gateway.Scalar<long>("SELECT min(received_ms) FROM received_messages WHERE device_id = 'box-anna'").Should().BeGreaterThanOrEqualTo(before);
        (await store.ReadAsync("box-anna", Start.AddHours(-1), Start.AddHours(1), CancellationToken.None)).Should().BeEmpty();

        VehicleData.RowsOf(gateway.Database, "box-bert").Should().Equal(bertBefore);
        (await store.ReadAsync("box-bert", Start.AddHours(-1), Start.AddHours(1), CancellationToken.None)).Should().HaveCount(bertSamples);
        VehicleData.RowsMentioning(gateway.Database, VehicleData.VinB).Keys.Should().BeEquivalentTo(["devices", "device_status"]);

        // The box replays its first batch (a lost PUBACK): the ledger knows it, so the erased data stays erased.
        await using (TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, anna.DeviceId, anna.Secret))
        {
            long duplicates = gateway.Metrics.Duplicates;
            await box.SendAsync(TopicKind.Telemetry, annasFirstBatch);
            gateway.Metrics.Duplicates.Should().Be(duplicates + 1);
            gateway.Count("telemetry_batches", "device_id = 'box-anna'").Should().Be(0);
            gateway.Count("latest_values", "device_id = 'box-anna'").Should().Be(0);

            // The device stays: what it sends from now on is stored.
            await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(10, Start.AddHours(1)));
            gateway.Count("telemetry_batches", "device_id = 'box-anna'").Should().Be(1);
        }

        DeviceErasure again = await gateway.Services.GetRequiredService<DeviceDataEraser>().EraseAsync("box-anna", deleteDevice: false, CancellationToken.None);
        again.Should().Match<DeviceErasure>(e => e.TelemetryBatches == 1 && e.LatestValues == 4 && e.LedgerEntries == 4 && e.BoxEvents == 0 && !e.VinCleared);
        DeviceErasure third = await gateway.Services.GetRequiredService<DeviceDataEraser>().EraseAsync("box-anna", deleteDevice: false, CancellationToken.None);
        third.Should().Match<DeviceErasure>(e => e.DeviceKnown && e.TelemetryBatches + e.LatestValues + e.BoxEvents + e.StatusRows + e.DeadLetters == 0);
        VehicleData.RowsOf(gateway.Database, "box-bert").Should().Equal(bertBefore);
    }

    [Fact]
    public async Task Deleting_the_device_removes_it_its_credentials_and_its_ledger_and_it_can_no_longer_log_in()
    {
        await using TestGateway gateway = await TestGateway.StartAsync(configureServices: services => services.AddGatewayPrivacy());
        gateway.SeedTenant("tenant-a");
        var registry = gateway.Services.GetRequiredService<DeviceRegistry>();
        registry.Add("box-carl", "tenant-a", name: "Carl's car");
        registry.Add("box-dora", "tenant-a");
        registry.Reissue("box-carl"); // two hash lines for carl: every one must go
        string secret = registry.Reissue("box-carl").Secret;
        await SendDayAsync(gateway, new SeededDevice("box-carl", secret, "tenant-a"), VehicleData.VinA, WirePayloads.Telemetry(1, Start));
        string hashes = Path.Combine(gateway.DataDirectory, MosquittoHashStore.FileName);
        File.ReadAllLines(hashes).Count(l => l.StartsWith("box-carl:", StringComparison.Ordinal)).Should().Be(3);

        DeviceErasure erasure = await gateway.Services.GetRequiredService<DeviceDataEraser>().EraseAsync("box-carl", deleteDevice: true, CancellationToken.None);

        erasure.Should().Match<DeviceErasure>(e => e.DeviceDeleted && e.LedgerDeleted && e.LedgerEntries == 3 && e.MosquittoHashes == 3 && e.TelemetryBatches == 2);
        VehicleData.RowsMentioning(gateway.Database, "box-carl").Should().BeEmpty();
        VehicleData.RowsMentioning(gateway.Database, VehicleData.VinA).Should().BeEmpty();
        registry.Find("box-carl").Should().BeNull();
        File.ReadAllLines(hashes).Should().ContainSingle().Which.Should().StartWith("box-dora:$7$");
        (_, MqttClientConnectResultCode refused) = await TestBox.TryConnectAsync(gateway.BrokerAddress, "box-carl", secret);
        refused.Should().NotBe(MqttClientConnectResultCode.Success, "the gateway's caches forgot the device at once");

        DeviceErasure again = await gateway.Services.GetRequiredService<DeviceDataEraser>().EraseAsync("box-carl", deleteDevice: true, CancellationToken.None);
        again.NothingFound.Should().BeTrue();
        registry.Find("box-dora").Should().NotBeNull();
    }

    [Fact]
    public async Task A_store_that_fails_midway_leaves_sqlite_untouched_and_running_the_erasure_again_finishes_it()
    {
        string directory = Directory.CreateTempSubdirectory("rydbox-erasure-").FullName;
        try
        {
            var database = new GatewayDatabase(Path.Combine(directory, "rydbox.db"));
            new TenantRegistry(database).Add("acme", "ACME");
            new DeviceRegistry(database).Add("box-1", "acme", secret: "box-1-secret-000");
            new DeviceRegistry(database).Add("box-2", "acme", secret: "box-2-secret-000");
            var sqlite = new SqliteTelemetryStore(database);
            await VehicleData.SeedAsync(database, sqlite, "box-1", "acme", 1, Start, VehicleData.VinA);
            await VehicleData.SeedAsync(database, sqlite, "box-2", "acme", 1, Start, VehicleData.VinB);
            Dictionary<string, long> seeded = VehicleData.RowsOf(database, "box-1");

            // InfluxDB configured, but nothing listens there: the first step fails.
            using var unreachable = new InfluxTelemetryStore(
                new InfluxOptions { Url = $"http://127.0.0.1:{FreePort.Pick()}", Database = "rydbox" },
                new InfluxStoreTuning { Attempts = 1, Timeout = TimeSpan.FromSeconds(5) });
            Func<Task> failing = () => new DeviceDataEraser(database, unreachable).EraseAsync("box-1", deleteDevice: true, CancellationToken.None);
            await failing.Should().ThrowAsync<InfluxStoreException>();

            VehicleData.RowsOf(database, "box-1").Should().Equal(seeded, "nothing in SQLite is touched before the store erased");
            new DeviceRegistry(database).Find("box-1").Should().Match<Device>(d => d.Revoked, "a device being deleted is revoked first, so nothing new arrives");

            DeviceErasure finished = await new DeviceDataEraser(database, sqlite).EraseAsync("box-1", deleteDevice: true, CancellationToken.None);
            finished.Should().Match<DeviceErasure>(e => e.DeviceKnown && e.DeviceDeleted && e.TelemetryBatches == 1 && e.LedgerEntries == 2);
            VehicleData.RowsMentioning(database, "box-1").Should().BeEmpty();
            VehicleData.RowsOf(database, "box-2").Values.Should().OnlyContain(n => n > 0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Dead_letters_of_unknown_senders_go_when_their_topic_names_the_device_and_only_then()
    {
        string directory = Directory.CreateTempSubdirectory("rydbox-erasure-").FullName;
        try
        {
            var database = new GatewayDatabase(Path.Combine(directory, "rydbox.db"));
            using (SqliteConnection connection = database.Open())
            using (SqliteTransaction transaction = connection.BeginTransaction())
            {
                DeadLetter Letter(string? device, string topic) => new(1, device, null, topic, "InvalidTopic", "seeded", new byte[] { 1 });
                SqliteDeadLetters.Write(connection, transaction, [
                    Letter(null, "rydbox/v2/box-1/telemetry"),
                    Letter(null, "box-1"),
                    Letter(null, "rydbox/v2/box-10/telemetry"),
                    Letter(null, "rydbox/v1/box-1x/telemetry"),
                    Letter(null, "rydbox/v1/xbox-1/event"),
                    Letter("box-2", "rydbox/v1/box-1/telemetry"), // box-2 publishing on box-1's topic: box-2's message
                ]);
                transaction.Commit();
            }

            DeviceErasure erasure = await new DeviceDataEraser(database, new SqliteTelemetryStore(database)).EraseAsync("box-1", deleteDevice: false, CancellationToken.None);

            erasure.DeadLetters.Should().Be(2);
            erasure.DeviceKnown.Should().BeFalse();
            erasure.NothingFound.Should().BeFalse("leftovers under the id were found and erased");
            VehicleData.Scalar(database, "SELECT count(*) FROM dead_letters").Should().Be(4);
            VehicleData.Scalar(database, "SELECT count(*) FROM dead_letters WHERE topic IN ('rydbox/v2/box-1/telemetry', 'box-1')").Should().Be(0);

            Func<Task> invalid = () => new DeviceDataEraser(database, new SqliteTelemetryStore(database)).EraseAsync("box 1'; --", false, CancellationToken.None);
            (await invalid.Should().ThrowAsync<IdentityException>()).Which.Error.Should().Be(IdentityError.Invalid);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A box's day: online status with its VIN, two telemetry batches, a DTC event and a malformed message.</summary>
    private static async Task SendDayAsync(TestGateway gateway, SeededDevice device, string vin, byte[] firstBatch)
    {
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        await box.SendAsync(TopicKind.Status, WirePayloads.Online(vin: vin, time: Start));
        await box.SendAsync(TopicKind.Telemetry, firstBatch);
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, Start.AddMinutes(1)));
        await box.SendAsync(TopicKind.Event, WirePayloads.Event(3, BoxEventType.DtcSet, Start.AddMinutes(2), detail: "P0301"));
        await box.PublishAsync(box.Topic(TopicKind.Telemetry), [0xFF, 0x00]);
        TestGateway.WaitUntil(() => gateway.Count("dead_letters", "device_id = $d", ("$d", device.DeviceId)) == 1).Should().BeTrue();
    }
}
