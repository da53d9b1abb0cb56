using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    private readonly AdminSession _admin;
    private readonly ServiceProvider _services;

    private AdminPrivacySession(AdminSession admin, ServiceProvider services)
    {
        _admin = admin;
        _services = services;
    }

    public GatewayOptions Options => _admin.Options;

    public IdentityOptions Identity => _admin.Identity;

    public bool Json => _admin.Json;

    public TextWriter Out => _admin.Out;

    public TextWriter Error => _admin.Error;

    public DeviceDataEraser Eraser => _services.GetRequiredService<DeviceDataEraser>();

    public RetentionSweeper Sweeper => _services.GetRequiredService<RetentionSweeper>();

    /// <summary>Like <see cref="AdminSession.Run(ParseResult, AdminOptions, bool, Func{AdminSession, int})"/>, with the telemetry store at hand.</summary>
    public static int Run(ParseResult parse, Option<string?> dataDirectory, Option<bool> json, Func<AdminPrivacySession, Task<int>> body) =>
        AdminSession.Run(parse, dataDirectory, json, create: false, admin =>
        {
            try
            {
                using var session = new AdminPrivacySession(admin, Services(admin.Options, admin.Database.Path));
                return body(session).GetAwaiter().GetResult();
            }
            catch (InfluxStoreException e)
            {
                admin.Error.WriteLine($"error: {e.Message}");
                admin.Error.WriteLine("Nothing is lost by stopping here: run the same command again once the telemetry store is reachable.");
                return AdminSession.UsageError;
            }
        });

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
