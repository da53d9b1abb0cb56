using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Tests.Storage;

/// <summary>
/// Schema 3 keeps each device's latest values as one JSON row (latest_signals); the view
/// latest_values still shows, takes and deletes one row per (device, signal).
/// </summary>
public sealed class LatestSignalsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-gateway-").FullName;

    [Fact]
    public void Only_newer_values_replace_stored_ones_and_signals_a_batch_lacks_are_kept()
    {
        using SqliteConnection connection = new GatewayDatabase(Path.Combine(_directory, "rydbox.db")).Open();
        using (var updater = new SqliteLatestValues.Updater(connection))
        {
            updater.Update([("box-1", [new(128, 2000, 8000, 2000), new(1, 2000, 481_371_540, 481_371_540 * 1e-7), new(408, 1000, 200, 78.4)])]);
            updater.Update([
                ("box-1", [new(128, 3000, 9000, 2250), new(1, 1500, 1, 1e-7)]),
                ("box-2", [new(7, 10, 9, double.NaN)]),
            ]);
        }

        SqliteLatestValues.Read(connection, "box-1").Should().Equal(
            new LatestValue(1, 2000, 481_371_540, 481_371_540 * 1e-7),
            new LatestValue(128, 3000, 9000, 2250),
            new LatestValue(408, 1000, 200, 78.4));
        SqliteLatestValues.Read(connection, "box-2").Should().Equal([new LatestValue(7, 10, 9, 9)], "a value that is no number keeps the raw one");
        SqliteLatestValues.Read(connection, "box-3").Should().BeEmpty();
        Scalar(connection, "SELECT signals FROM latest_signals WHERE device_id = 'box-1'")
            .Should().Be("""{"1":[2000,481371540,48.137153999999995],"128":[3000,9000,2250],"408":[1000,200,78.4]}""");
        Scalar(connection, "SELECT group_concat(signal_id || ':' || time_ms || ':' || raw, ' ') FROM latest_values WHERE device_id = 'box-1'")
            .Should().Be("1:2000:481371540 128:3000:9000 408:1000:200");
        Scalar(connection, "SELECT value FROM latest_values WHERE device_id = 'box-1' AND signal_id = 1").Should().Be(481_371_540 * 1e-7);
    }

    [Fact]
    public void The_updater_remembers_what_it_wrote_but_never_writes_back_what_another_connection_deleted()
    {
        var database = new GatewayDatabase(Path.Combine(_directory, "rydbox.db"));
        using SqliteConnection writer = database.Open();
        using var updater = new SqliteLatestValues.Updater(writer);
        InTransaction(writer, () => updater.Update([("box-1", [new(1, 100, 5, 0.5), new(2, 100, 6, 0.6)])]));
        using (SqliteConnection other = database.Open())
        {
            SqliteLatestValues.Delete(other, "box-1").Should().Be(2, "an erasure elsewhere");
        }

        InTransaction(writer, () => updater.Update([("box-1", [new(2, 200, 7, 0.7)])]));
        SqliteLatestValues.Read(writer, "box-1").Should().Equal([new LatestValue(2, 200, 7, 0.7)], "the erased signal 1 does not come back");

        InTransaction(writer, () => updater.Update([("box-1", [new(3, 300, 8, 0.8), new(2, 150, 1, 0.1)])]));
        SqliteLatestValues.Read(writer, "box-1").Should().Equal(new LatestValue(2, 200, 7, 0.7), new LatestValue(3, 300, 8, 0.8));
    }

    [Fact]
    public void The_view_takes_inserts_and_deletes_and_Delete_counts_signals()
    {
        using SqliteConnection connection = new GatewayDatabase(Path.Combine(_directory, "rydbox.db")).Open();
        Execute(connection, "INSERT INTO latest_values (device_id, signal_id, time_ms, raw, value) VALUES ('box-1', 136, 100, 50, 50), ('box-1', 2, 300, 7, 0.7), ('box-2', 1, 100, 1, 0.5)");
        Scalar(connection, "SELECT count(*) FROM latest_values").Should().Be(3L);

        SqliteLatestValues.Delete(connection, "box-1", beforeMs: 200).Should().Be(1);
        SqliteLatestValues.Read(connection, "box-1").Should().Equal(new LatestValue(2, 300, 7, 0.7));
        SqliteLatestValues.Delete(connection, "box-1", beforeMs: 200).Should().Be(0);
        SqliteLatestValues.Delete(connection, "box-1").Should().Be(1);
        Scalar(connection, "SELECT count(*) FROM latest_signals WHERE device_id = 'box-1'").Should().Be(0L, "a device without values has no row");

        Execute(connection, "DELETE FROM latest_values WHERE device_id = 'box-2'");
        Scalar(connection, "SELECT count(*) FROM latest_signals").Should().Be(0L);
    }

    [Fact]
    public void A_version_2_file_keeps_its_latest_values()
    {
        string path = Path.Combine(_directory, "v2.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Schema.Migrate(connection, 2);
            Execute(connection, $"INSERT INTO latest_values VALUES ('box-1', 128, 3000, 9000, 2250.0), ('box-1', 1, 2000, 481371540, {481_371_540 * 1e-7:R}), ('box-2', 5, 10, -3, -0.30000000000000004)");
        }

        using SqliteConnection migrated = new GatewayDatabase(path).Open();
        SqliteLatestValues.Read(migrated, "box-1").Should().Equal(new LatestValue(1, 2000, 481_371_540, 481_371_540 * 1e-7), new LatestValue(128, 3000, 9000, 2250));
        SqliteLatestValues.Read(migrated, "box-2").Should().Equal(new LatestValue(5, 10, -3, -0.30000000000000004));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void InTransaction(SqliteConnection connection, Action write)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        write();
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
