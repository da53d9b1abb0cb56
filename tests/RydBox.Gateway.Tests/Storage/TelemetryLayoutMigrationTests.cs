using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Storage;

/// <summary>Schema version 2 keeps telemetry_batches in arrival order; a version 1 file keeps its rows and their rules.</summary>
public sealed class TelemetryLayoutMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-gateway-").FullName;

    [Fact]
    public void A_version_1_file_keeps_its_telemetry_and_still_refuses_a_sequence_twice()
    {
        string path = Path.Combine(_directory, "v1.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            Schema.Migrate(connection, 1);
            Execute(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'telemetry_batches' AND sql LIKE '%WITHOUT ROWID%'").Should().Be(1L);
            for (int sequence = 1; sequence <= 3; sequence++)
            {
                Execute(connection, $"INSERT INTO telemetry_batches VALUES ('box-1', {sequence}, {sequence * 1000}, {sequence * 1000 + 900}, 2, x'A1{sequence:X2}')");
            }

            Execute(connection, "INSERT INTO telemetry_batches VALUES ('box-2', 1, 5000, 5000, 1, x'B1')");
        }

        var database = new GatewayDatabase(path);
        using SqliteConnection migrated = database.Open();
        Execute(migrated, "PRAGMA user_version").Should().Be((long)Schema.Version);
        Execute(migrated, "SELECT count(*) FROM sqlite_master WHERE name = 'telemetry_batches' AND sql LIKE '%WITHOUT ROWID%'").Should().Be(0L, "rows are kept in arrival order now");
        Execute(migrated, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'telemetry_by_time'").Should().Be(1L);
        Execute(migrated, "SELECT group_concat(device_id || ':' || sequence || ':' || first_ms || ':' || last_ms || ':' || sample_count || ':' || hex(payload), ' ') FROM (SELECT * FROM telemetry_batches ORDER BY device_id, sequence)")
            .Should().Be("box-1:1:1000:1900:2:A101 box-1:2:2000:2900:2:A102 box-1:3:3000:3900:2:A103 box-2:1:5000:5000:1:B1");

        Execute(migrated, "INSERT OR IGNORE INTO telemetry_batches (device_id, sequence, first_ms, last_ms, sample_count, payload) VALUES ('box-1', 2, 1, 1, 1, x'00')");
        Execute(migrated, "SELECT changes()").Should().Be(0L, "(device, sequence) is still unique");
        Execute(migrated, "SELECT count(*) FROM telemetry_batches").Should().Be(4L);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static object? Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
