using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using RydBox.Contract;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

/// <summary>
/// Telemetry in a store other than the gateway's SQLite file (as with InfluxDB): written before the
/// ledger commits, never acknowledged when that write fails, not written again for a duplicate.
/// The other store here is a real one: the SQLite telemetry store on a second database file.
/// </summary>
public sealed class OtherTelemetryStoreTests
{
    [Fact]
    public async Task Telemetry_goes_to_the_other_store_before_the_ledger_commits_and_a_failing_store_holds_back_the_puback()
    {
        string otherDirectory = Directory.CreateTempSubdirectory("rydbox-other-store-").FullName;
        try
        {
            var other = new SecondFileStore(Path.Combine(otherDirectory, "telemetry.db"));
            await using TestGateway gateway = await TestGateway.StartAsync(configureServices: services => services.AddSingleton<ITelemetryStore>(other));
            other.Gateway = gateway;
            SeededDevice device = gateway.SeedDevice("box-50");
            await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
            byte[] batch = WirePayloads.Telemetry(500, DateTimeOffset.UtcNow.AddMinutes(-5));

            other.Execute("CREATE TRIGGER refuse BEFORE INSERT ON telemetry_batches BEGIN SELECT RAISE(ABORT, 'store unavailable'); END");
            Task<MqttClientPublishReasonCode> sent = box.PublishAsync(box.Topic(TopicKind.Telemetry), batch);
            TestGateway.WaitUntil(() => gateway.Metrics.CommitFailures >= 2).Should().BeTrue();
            sent.IsCompleted.Should().BeFalse("no PUBACK while the telemetry store refuses the batch");
            gateway.Count("received_messages").Should().Be(0, "the ledger commits only after the store took the batch");

            other.Execute("DROP TRIGGER refuse");
            (await sent.WaitAsync(TestGateway.Soon)).Should().Be(MqttClientPublishReasonCode.Success);

            other.Count().Should().Be(1);
            other.LedgerRowsSeenDuringWrites.Should().OnlyContain(n => n == 0, "every write came before the ledger commit");
            gateway.Count("telemetry_batches").Should().Be(0, "the gateway's own file holds no telemetry in this configuration");
            gateway.Count("received_messages").Should().Be(1);
            gateway.Count("latest_values", "device_id = 'box-50'").Should().Be(4, "the on-board computer's values are kept whatever the store");

            int writes = other.Writes;
            await box.SendAsync(TopicKind.Telemetry, batch);
            other.Writes.Should().Be(writes, "a duplicate is recognised by the ledger and not written again");
            gateway.Metrics.Duplicates.Should().Be(1);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(otherDirectory, recursive: true);
        }
    }

    private sealed class SecondFileStore(string path) : ITelemetryStore
    {
        private readonly GatewayDatabase _database = new(path);
        private readonly List<long> _ledgerRows = [];

        public TestGateway? Gateway { get; set; }

        public int Writes { get; private set; }

        public IReadOnlyList<long> LedgerRowsSeenDuringWrites => _ledgerRows;

        public async Task WriteAsync(IReadOnlyList<IngestedBatch> batches, CancellationToken cancellationToken)
        {
            Writes++;
            _ledgerRows.Add(Gateway!.Count("received_messages"));
            await new SqliteTelemetryStore(_database).WriteAsync(batches, cancellationToken);
        }

        public Task<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            new SqliteTelemetryStore(_database).ReadAsync(deviceId, from, to, cancellationToken);

        public Task EraseDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
            new SqliteTelemetryStore(_database).EraseDeviceAsync(deviceId, cancellationToken);

        public Task DeleteOlderThanAsync(string deviceId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            new SqliteTelemetryStore(_database).DeleteOlderThanAsync(deviceId, cutoff, cancellationToken);

        public void Execute(string sql)
        {
            using SqliteConnection connection = _database.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public long Count()
        {
            using SqliteConnection connection = _database.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM telemetry_batches";
            return (long)command.ExecuteScalar()!;
        }
    }
}
