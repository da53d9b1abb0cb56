using Microsoft.Data.Sqlite;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Identity;

/// <summary>A real gateway database in a temporary data directory, with a clock the test moves.</summary>
public sealed class IdentityRig : IDisposable
{
    public IdentityRig()
    {
        DataDirectory = Directory.CreateTempSubdirectory("rydbox-identity-").FullName;
        Database = new GatewayDatabase(Path.Combine(DataDirectory, "rydbox.db"));
        Tenants = new TenantRegistry(Database, Clock);
        Devices = new DeviceRegistry(Database, Changes, Clock);
        ApiKeys = new ApiKeyRegistry(Database, Changes, Clock);
    }

    public string DataDirectory { get; }

    public GatewayDatabase Database { get; }

    public SettableClock Clock { get; } = new(DateTimeOffset.Parse("2025-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The change notices of "this process"; registries made without it play another process (the CLI).</summary>
    public IdentityChanges Changes { get; } = new();

    public TenantRegistry Tenants { get; }

    public DeviceRegistry Devices { get; }

    public ApiKeyRegistry ApiKeys { get; }

    public static TimeSpan CacheLifetime => TimeSpan.FromSeconds(30);

    public SqliteDeviceDirectory DeviceDirectory(TimeSpan? cacheLifetime = null) => new(Database, Changes, cacheLifetime ?? CacheLifetime, Clock);

    public SqliteApiKeyAuthenticator Authenticator(TimeSpan? cacheLifetime = null) => new(Database, Changes, cacheLifetime ?? CacheLifetime, Clock);

    /// <summary>What a second process (the CLI next to the running gateway) would do: no change notices.</summary>
    public DeviceRegistry OtherProcessDevices => new(Database);

    public ApiKeyRegistry OtherProcessApiKeys => new(Database);

    public object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteConnection connection = Database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    /// <summary>Every text cell of every identity table, for "the secret is stored nowhere" checks.</summary>
    public string AllIdentityText()
    {
        using SqliteConnection connection = Database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT id || '|' || tenant_id || '|' || coalesce(name, '') || '|' || coalesce(vin, '') || '|' || secret_hash FROM devices
            UNION ALL SELECT id || '|' || tenant_id || '|' || coalesce(name, '') || '|' || key_hash FROM api_keys
            """;
        using SqliteDataReader reader = command.ExecuteReader();
        var text = new System.Text.StringBuilder();
        while (reader.Read())
        {
            text.AppendLine(reader.GetString(0));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
