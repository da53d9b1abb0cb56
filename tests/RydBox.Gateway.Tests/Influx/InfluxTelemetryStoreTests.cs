using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Testing.Influx;

namespace RydBox.Gateway.Tests.Influx;

/// <summary>The InfluxDB store (API V1) against a real influxd, next to the SQLite store on the same batches.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxTelemetryStoreTests(SharedInflux shared) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-influx-tests-").FullName;
    private readonly string _database = Influx.NewDatabase();
    private InfluxTelemetryStore? _store;

    private InfluxServer Server => shared.Server;

    private InfluxTelemetryStore Store => _store ??= Influx.V1Store(Server, _database);

    [InfluxFact]
    public async Task Reads_back_what_the_sqlite_store_returns_for_the_same_batches()
    {
        var sqlite = new SqliteTelemetryStore(new GatewayDatabase(Path.Combine(_directory, "rydbox.db")));
        IngestedBatch[] batches =
        [
            Batches.Make("box-0042", 1, Batches.BaseTime, rows: 10),
            Batches.Make("box-0042", 2, Batches.BaseTime + 10_000, rows: 64, stepMs: 250, withEmptyRow: true),
            Batches.Make("box-0042", 3, Batches.BaseTime + 60_000, rows: 5, stepMs: 3000),
            Batches.Make("box-0043", 1, Batches.BaseTime, rows: 10, tenantId: "other"),
        ];

        await Store.WriteAsync(batches, None);
        await sqlite.WriteAsync(batches, None);

        (long From, long To)[] ranges =
        [
            (Batches.BaseTime - 1, Batches.BaseTime + 100_000),
            (Batches.BaseTime + 5_000, Batches.BaseTime + 12_000),
            (Batches.BaseTime + 10_000, Batches.BaseTime + 10_001),
            (Batches.BaseTime + 63_000, Batches.BaseTime + 69_000),
        ];
        foreach ((long from, long to) in ranges)
        {
            IReadOnlyList<TelemetrySample> fromInflux = await Store.ReadAsync("box-0042", Batches.At(from), Batches.At(to), None);
            IReadOnlyList<TelemetrySample> fromSqlite = await sqlite.ReadAsync("box-0042", Batches.At(from), Batches.At(to), None);

            fromSqlite.Should().NotBeEmpty();
            Influx.Comparable(fromInflux).Should().BeEquivalentTo(Influx.Comparable(fromSqlite), o => o.WithStrictOrdering(), $"range [{from}, {to})");
        }

        IReadOnlyList<TelemetrySample> all = await Store.ReadAsync("box-0042", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        all.Should().HaveCount(10 + 64 + 5);
        all.Should().Contain(s => s.Values.Count == 0, "a row without signals is a sample too");
        all.SelectMany(s => s.Values).Select(v => v.Name).Should().Contain(["latitude", "engine_rpm", "o2_b1s1_short_fuel_trim", "pid_e1_0", "signal_5000", "supply_voltage"]);
        all.SelectMany(s => s.Values).Should().Contain(v => v.SignalId == Batches.UnknownPid && v.Raw < 0);
        Influx.Comparable(all).Should().BeEquivalentTo(
            Influx.Comparable(batches.Take(3).SelectMany(b => b.Message.Samples)), o => o.WithStrictOrdering(), "the store returns what the box sent");
    }

    [InfluxFact]
    public async Task Writing_a_batch_again_stores_nothing_twice()
    {
        IngestedBatch first = Batches.Make("box-1", 1, Batches.BaseTime, rows: 20);
        IngestedBatch second = Batches.Make("box-1", 2, Batches.BaseTime + 20_000, rows: 20);

        await Store.WriteAsync([first, second], None);
        await Store.WriteAsync([second, first, second], None); // QoS 1 redelivery, outbox replay
        await Store.WriteAsync([first], None);

        Influx.CountPoints(Server, _database, "box-1").Should().Be(40);
        IReadOnlyList<TelemetrySample> read = await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        Influx.Comparable(read).Should().BeEquivalentTo(Influx.Comparable(first.Message.Samples.Concat(second.Message.Samples)), o => o.WithStrictOrdering());
        Server.Execute("SHOW SERIES FROM telemetry", _database).Should().Contain("device=box-1,tenant=acme").And.NotContain("box-2");
    }

    [InfluxFact]
    public async Task A_range_includes_its_start_and_excludes_its_end()
    {
        await Store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime, rows: 10)], None);

        async Task<long[]> Times(long from, long to) =>
            (await Store.ReadAsync("box-1", Batches.At(from), Batches.At(to), None)).Select(s => (s.UnixMilliseconds - Batches.BaseTime) / 1000).ToArray();

        (await Times(Batches.BaseTime + 2000, Batches.BaseTime + 5000)).Should().Equal(2, 3, 4);
        (await Times(Batches.BaseTime + 2000, Batches.BaseTime + 2001)).Should().Equal(2);
        (await Times(Batches.BaseTime + 1999, Batches.BaseTime + 2000)).Should().BeEmpty();
        (await Times(Batches.BaseTime + 2000, Batches.BaseTime + 2000)).Should().BeEmpty();
        (await Times(Batches.BaseTime + 5000, Batches.BaseTime + 2000)).Should().BeEmpty();
        (await Times(Batches.BaseTime + 9000, Batches.BaseTime + 9001)).Should().Equal(9);
        (await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(10);
        (await Store.ReadAsync("box-2", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().BeEmpty();
    }

    [InfluxFact]
    public async Task Erasing_a_device_removes_its_samples_and_its_id_and_nothing_else()
    {
        await Store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime), Batches.Make("box-2", 1, Batches.BaseTime)], None);

        await Store.EraseDeviceAsync("box-1", None);

        (await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().BeEmpty();
        (await Store.ReadAsync("box-2", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(10);
        Server.Execute("SHOW TAG VALUES FROM telemetry WITH KEY = \"device\"", _database).Should().NotContain("box-1").And.Contain("box-2");

        await Store.EraseDeviceAsync("never-seen", None);
        await Store.WriteAsync([Batches.Make("box-1", 2, Batches.BaseTime + 60_000)], None);
        (await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(10, "an erased id can send again");
    }

    [InfluxFact]
    public async Task Retention_deletes_a_devices_samples_before_the_cutoff_only()
    {
        await Store.WriteAsync(
        [
            Batches.Make("box-1", 1, Batches.BaseTime, rows: 10),
            Batches.Make("box-1", 2, Batches.BaseTime + 10_000, rows: 10),
            Batches.Make("box-2", 1, Batches.BaseTime, rows: 10),
        ], None);

        await Store.DeleteOlderThanAsync("box-1", Batches.At(Batches.BaseTime + 7_500), None);
        await Store.DeleteOlderThanAsync("box-1", Batches.At(Batches.BaseTime + 8_000), None);

        IReadOnlyList<TelemetrySample> left = await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        left.Select(s => (s.UnixMilliseconds - Batches.BaseTime) / 1000).Should().Equal(Enumerable.Range(8, 12).Select(i => (long)i));
        (await Store.ReadAsync("box-2", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(10);

        await Store.DeleteOlderThanAsync("box-1", DateTimeOffset.MinValue, None);
        await Store.DeleteOlderThanAsync("box-1", DateTimeOffset.MaxValue, None);
        (await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().BeEmpty();
    }

    [InfluxFact]
    public async Task Odd_device_and_tenant_ids_are_escaped_and_stay_apart()
    {
        string[] devices = ["box 1", "a,b=c", "quote'd", "double\"quoted", "ünï-cødé ✓", " lead", "=", "x' OR device =~ /.*/ OR device = 'y"];
        IngestedBatch[] batches = devices.Select((d, i) => Batches.Make(d, i + 1, Batches.BaseTime + i * 100_000, rows: 3, tenantId: "Acme, Inc. = \"best\"")).ToArray();

        await Store.WriteAsync(batches, None);

        foreach (IngestedBatch batch in batches)
        {
            IReadOnlyList<TelemetrySample> read = await Store.ReadAsync(batch.DeviceId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
            Influx.Comparable(read).Should().BeEquivalentTo(Influx.Comparable(batch.Message.Samples), o => o.WithStrictOrdering(), $"device \"{batch.DeviceId}\"");
        }

        Server.Execute("SHOW TAG VALUES FROM telemetry WITH KEY = \"tenant\"", _database).Should().Contain("Acme, Inc. = \\\"best\\\"");
        await Store.EraseDeviceAsync("a,b=c", None);
        Influx.CountPoints(Server, _database, "a,b=c").Should().Be(0);
        Influx.CountPoints(Server, _database, "box 1").Should().Be(3);
    }

    [InfluxFact]
    public async Task Ids_line_protocol_cannot_carry_are_refused_before_anything_is_sent()
    {
        Func<Task> backslash = () => Store.WriteAsync([Batches.Make("box\\1", 1, Batches.BaseTime)], None);
        Func<Task> newline = () => Store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime, tenantId: "acme\nx")], None);

        await backslash.Should().ThrowAsync<ArgumentException>().WithMessage("device id \"box\\1\" cannot be stored in InfluxDB*backslash*");
        await newline.Should().ThrowAsync<ArgumentException>().WithMessage("tenant id*cannot be stored in InfluxDB*");
        (await Store.ReadAsync("box\\1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().BeEmpty();
        Influx.CountPoints(Server, _database, "box-1").Should().Be(0);
    }

    [InfluxFact]
    public async Task Large_writes_go_out_in_several_requests_and_all_arrive()
    {
        using InfluxTelemetryStore store = Influx.V1Store(Server, _database, new InfluxStoreTuning { BatchPoints = 50 });
        IngestedBatch[] batches = Enumerable.Range(0, 8).Select(i => Batches.Make("box-1", i + 1, Batches.BaseTime + i * 64_000L, rows: 64)).ToArray();

        await store.WriteAsync(batches, None);

        Influx.CountPoints(Server, _database, "box-1").Should().Be(8 * 64);
        IReadOnlyList<TelemetrySample> read = await store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        Influx.Comparable(read).Should().BeEquivalentTo(Influx.Comparable(batches.SelectMany(b => b.Message.Samples)), o => o.WithStrictOrdering());
    }

    [InfluxFact]
    public async Task Samples_at_times_influx_cannot_hold_are_skipped_and_the_rest_is_stored()
    {
        var batch = new TelemetryBatch(3, 2);
        long year1600 = DateTimeOffset.Parse("1600-01-01T00:00:00Z").ToUnixTimeMilliseconds();
        batch.BeginRow(year1600);
        batch.Set(SignalIds.SupplyVoltage, 12_000);
        batch.BeginRow(Batches.BaseTime);
        batch.Set(SignalIds.SupplyVoltage, 12_100);

        await Store.WriteAsync([Batches.Ingest("box-1", "acme", batch, 1)], None);

        IReadOnlyList<TelemetrySample> read = await Store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        read.Should().ContainSingle().Which.UnixMilliseconds.Should().Be(Batches.BaseTime);
        read[0].Values.Should().Equal(new SignalValue(SignalIds.SupplyVoltage, "supply_voltage", "V", 12_100, 12_100 * 0.001));
    }

    [InfluxFact]
    public async Task The_database_is_created_when_missing_and_again_when_dropped_while_running()
    {
        Server.Execute("SHOW DATABASES").Should().NotContain(_database);

        await Store.PrepareAsync(None);
        Server.Execute("SHOW DATABASES").Should().Contain(_database);

        Server.Execute($"DROP DATABASE \"{_database}\"");
        await Store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);
        Influx.CountPoints(Server, _database, "box-1").Should().Be(10);
    }

    [InfluxFact]
    public async Task Without_database_creation_a_missing_database_is_a_clear_error()
    {
        using InfluxTelemetryStore store = Influx.V1Store(Server, _database, new InfluxStoreTuning { CreateDatabase = false });

        Func<Task> write = () => store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);
        Func<Task> read = () => store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);

        (await write.Should().ThrowAsync<InfluxStoreException>()).Which.Message.Should()
            .Contain($"has no database '{_database}'").And.Contain("CREATE DATABASE").And.Contain("CreateDatabase=true");
        (await read.Should().ThrowAsync<InfluxStoreException>()).Which.Message.Should().Contain("database not found");
    }

    public void Dispose()
    {
        _store?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (InfluxServer.SkipReason is null)
        {
            try
            {
                Server.Execute($"DROP DATABASE \"{_database}\"");
            }
            catch (InvalidOperationException)
            {
                // The server of a failed test may be gone; its folder goes with the fixture.
            }
        }
    }
}
