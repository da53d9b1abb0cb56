using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;

namespace RydBox.Gateway.Cli;

/// <summary>
/// One run of `devices erase` or `retention run`: the database and configuration the other
/// administration commands use (<see cref="AdminConfiguration"/>, --data-dir), plus the telemetry
/// store the gateway is configured with, made by the gateway's own registrations
/// (<see cref="TelemetryStoreServices.AddTelemetryStore"/>, <see cref="PrivacyServices.AddGatewayPrivacy"/>)
/// so SQLite or InfluxDB is reached exactly as `serve` reaches it. Exit codes as AdminSession's.
/// </summary>
internal sealed class AdminPrivacySession : IDisposable
{
    private readonly ServiceProvider _services;

    private AdminPrivacySession(ParseResult parse, GatewayOptions options, IdentityOptions identity, ServiceProvider services, bool json)
    {
        Options = options;
        Identity = identity;
        _services = services;
        Json = json;
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
    }

    public GatewayOptions Options { get; }

    public IdentityOptions Identity { get; }

    public bool Json { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public GatewayDatabase Database => _services.GetRequiredService<GatewayDatabase>();

    public DeviceDataEraser Eraser => _services.GetRequiredService<DeviceDataEraser>();

    public RetentionSweeper Sweeper => _services.GetRequiredService<RetentionSweeper>();

    public static int Run(ParseResult parse, Option<string?> dataDirectory, Option<bool> json, Func<AdminPrivacySession, Task<int>> body)
    {
        TextWriter error = parse.InvocationConfiguration.Error;
        try
        {
            (GatewayOptions options, IdentityOptions identity) = AdminConfiguration.Load();
            string? directory = parse.GetValue(dataDirectory);
            if (!string.IsNullOrWhiteSpace(directory))
            {
                options.DataDirectory = directory;
            }

            string path = Path.GetFullPath(options.DatabasePath);
            if (!File.Exists(path))
            {
                error.WriteLine($"error: no gateway database at {path}; give --data-dir (or set RydBox__DataDirectory)");
                return AdminSession.NotFound;
            }

            using var session = new AdminPrivacySession(parse, options, identity, Services(options, path), parse.GetValue(json));
            return body(session).GetAwaiter().GetResult();
        }
        catch (IdentityException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.Error == IdentityError.NotFound ? AdminSession.NotFound : AdminSession.UsageError;
        }
        catch (InfluxStoreException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("Nothing is lost by stopping here: run the same command again once the telemetry store is reachable.");
            return AdminSession.UsageError;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A database from a newer gateway, a locked file, a telemetry store configured wrongly.
            error.WriteLine($"error: {e.Message}");
            return AdminSession.UsageError;
        }
    }

    public void WriteJson<T>(T value) =>
        Out.WriteLine(JsonSerializer.Serialize(value, typeof(T), AdminPrivacyJson.Default));

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Services(GatewayOptions options, string databasePath)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(AdminConfiguration.Sources());
        services.AddSingleton<IOptions<GatewayOptions>>(Microsoft.Extensions.Options.Options.Create(options));
        services.AddLogging(); // no provider: the command prints what happened itself
        services.AddSingleton(new GatewayDatabase(databasePath));
        services.AddTelemetryStore(options);
        services.AddGatewayPrivacy();
        return services.BuildServiceProvider();
    }
}

/// <summary>The JSON `devices erase` and `retention run` print with --json.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(DeviceErasure))]
[JsonSerializable(typeof(RetentionReport))]
internal sealed partial class AdminPrivacyJson : JsonSerializerContext;
