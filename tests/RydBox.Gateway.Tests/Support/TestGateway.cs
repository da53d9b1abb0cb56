using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Storage;
using RydBox.Testing.Brokers;

namespace RydBox.Gateway.Tests.Support;

/// <summary>A device seeded into a test gateway: what a box needs to log in.</summary>
public sealed record SeededDevice(string DeviceId, string Secret, string TenantId);

/// <summary>
/// The whole gateway in the test process, as <c>rydbox-gateway serve</c> builds it
/// (<see cref="GatewayHost.Build"/>): a temporary data directory with a real SQLite file, the
/// embedded broker on a free loopback port (or an external broker, by settings), the HTTP API on
/// another free loopback port. Settings are "RydBox:…" keys as in appsettings.json. Seed tenants
/// and devices with <see cref="SeedDevice"/>; read what the gateway stored with
/// <see cref="Scalar{T}"/>, <see cref="Count"/> or <see cref="OpenDatabase"/>.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    public static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly bool _ownsDirectory;
    private bool _disposed;

    private TestGateway(WebApplication app, string dataDirectory, bool ownsDirectory, int brokerPort, int apiPort, IReadOnlyDictionary<string, string?> settings)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        BrokerPort = brokerPort;
        ApiPort = apiPort;
        Settings = settings;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public GatewayDatabase Database => Services.GetRequiredService<GatewayDatabase>();

    public GatewayMetrics Metrics => Services.GetRequiredService<GatewayMetrics>();

    public string DataDirectory { get; }

    /// <summary>The embedded broker's plain MQTT port on 127.0.0.1 (unused with an external broker).</summary>
    public int BrokerPort { get; }

    public Uri BrokerAddress => new($"mqtt://127.0.0.1:{BrokerPort}");

    public int ApiPort { get; }

    /// <summary>http://127.0.0.1:port/ of the HTTP API.</summary>
    public Uri ApiAddress => new($"http://127.0.0.1:{ApiPort}/");

    /// <summary>Every setting the gateway was started with, for a restart with the same ones.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>
    /// Starts a gateway. <paramref name="settings"/> add to or override the defaults (e.g.
    /// "RydBox:Ingest:DeadLetterLimit"). With <paramref name="dataDirectory"/> it runs on that
    /// directory (a restart) and leaves it in place; without, it makes a temporary one and deletes
    /// it on dispose.
    /// </summary>
    /// <param name="configureServices">Runs after the gateway registered its services: add observers, replace a part.</param>
    public static async Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? configureServices = null)
    {
        bool owns = dataDirectory is null;
        string directory = dataDirectory ?? Directory.CreateTempSubdirectory("rydbox-gateway-").FullName;
        int brokerPort = FreePort.Pick();
        int apiPort = FreePort.Pick();
        var all = new Dictionary<string, string?>
        {
            ["RydBox:DataDirectory"] = directory,
            ["RydBox:Broker:ListenAddress"] = "127.0.0.1",
            ["RydBox:Broker:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RydBox:Api:Url"] = $"http://127.0.0.1:{apiPort}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:RydBox"] = "Information",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        if (int.TryParse(all["RydBox:Broker:Port"], out int configuredPort))
        {
            brokerPort = configuredPort;
        }

        WebApplication app = HostBuildingHook.Build(
            services => configureServices?.Invoke(services),
            () => GatewayHost.Build([], configuration => configuration.AddInMemoryCollection(all)));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (owns)
            {
                DeleteDirectory(directory);
            }

            throw;
        }

        return new TestGateway(app, directory, owns, brokerPort, apiPort, all);
    }

    /// <summary>A tenant row (created once; later calls with the same id do nothing).</summary>
    public string SeedTenant(string tenantId = "tenant-a", string? name = null)
    {
        Execute(
            "INSERT OR IGNORE INTO tenants (id, name, retention_days, created_ms) VALUES ($id, $name, NULL, $now)",
            ("$id", tenantId),
            ("$name", name ?? tenantId),
            ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return tenantId;
    }

    /// <summary>A device of <paramref name="tenantId"/> (created too) with a fresh secret, stored hashed as the gateway does.</summary>
    public SeededDevice SeedDevice(string deviceId, string tenantId = "tenant-a", bool revoked = false)
    {
        SeedTenant(tenantId);
        string secret = SecretHasher.NewSecret();
        Execute(
            "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, revoked, created_ms) VALUES ($id, $tenant, $id, NULL, $hash, $revoked, $now)",
            ("$id", deviceId),
            ("$tenant", tenantId),
            ("$hash", SecretHasher.Hash(secret)),
            ("$revoked", revoked ? 1 : 0),
            ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return new SeededDevice(deviceId, secret, tenantId);
    }

    /// <summary>Revokes through the running gateway's registry, as an operator would, so its caches forget the device at once.</summary>
    public void Revoke(string deviceId) => Services.GetRequiredService<DeviceRegistry>().Revoke(deviceId);

    /// <summary>A connection of its own to the gateway's database file.</summary>
    public SqliteConnection OpenDatabase() => Database.Open();

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteConnection connection = OpenDatabase();
        using SqliteCommand command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteConnection connection = OpenDatabase();
        using SqliteCommand command = Command(connection, sql, parameters);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of <paramref name="table"/>, optionally filtered by a WHERE clause.</summary>
    public long Count(string table, string? where = null, params (string Name, object? Value)[] parameters) =>
        Scalar<long>($"SELECT count(*) FROM {table}" + (where is null ? "" : " WHERE " + where), parameters);

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> (default <see cref="Soon"/>) passes.</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? Soon);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    /// <summary>Stops as Ctrl-C would: the broker first, then the pipeline commits what it holds.</summary>
    public async Task StopAsync() => await App.StopAsync();

    /// <summary>
    /// Ends the gateway without stopping it, as close to a crash as a process can get with the host in
    /// it: services are disposed, so connections drop, unacknowledged messages stay unacknowledged.
    /// The data directory is kept (start another gateway on <see cref="DataDirectory"/>).
    /// </summary>
    public async Task CrashAsync()
    {
        _disposed = true;
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            if (_ownsDirectory)
            {
                DeleteDirectory(DataDirectory);
            }

            return;
        }

        _disposed = true;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (_ownsDirectory)
            {
                DeleteDirectory(DataDirectory);
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
