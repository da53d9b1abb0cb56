using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Storage;

/// <summary>
/// The gateway's SQLite file: opens connections in WAL mode with foreign keys on, and brings the
/// schema up to date at start (<see cref="Schema"/>). Each caller opens its own connection.
/// </summary>
public sealed class GatewayDatabase
{
    private readonly string _connectionString;

    public GatewayDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        using SqliteConnection connection = Open();
        Schema.Migrate(connection);
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteCommand pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
