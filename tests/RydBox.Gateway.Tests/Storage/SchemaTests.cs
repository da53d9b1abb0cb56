using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Storage;

public sealed class SchemaTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-gateway-").FullName;

    [Fact]
    public void A_new_file_gets_the_whole_schema_in_wal_mode_and_reopening_changes_nothing()
    {
        string path = Path.Combine(_directory, "rydbox.db");
        var database = new GatewayDatabase(path);
        var again = new GatewayDatabase(path);

        using SqliteConnection connection = again.Open();
        Scalar(connection, "PRAGMA user_version").Should().Be(Schema.Version);
        Scalar(connection, "PRAGMA journal_mode").Should().Be("wal");
        Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('tenants', 'devices', 'api_keys', 'received_messages', 'telemetry_batches', 'latest_signals', 'box_events', 'device_status', 'dead_letters')")
            .Should().Be(9L);
        Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'latest_values'").Should().Be(1L);
        database.Path.Should().Be(again.Path);
    }

    [Fact]
    public void A_file_from_a_newer_gateway_is_refused_with_a_clear_message()
    {
        string path = Path.Combine(_directory, "newer.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {Schema.Version + 1}";
            command.ExecuteNonQuery();
        }

        Action open = () => _ = new GatewayDatabase(path);

        open.Should().Throw<InvalidOperationException>().WithMessage("*newer than this gateway*");
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
}
