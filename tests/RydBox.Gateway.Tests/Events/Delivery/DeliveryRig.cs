using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Events.Delivery;

/// <summary>
/// Event delivery as the gateway registers it (<see cref="EventDeliveryServices.AddEventDelivery"/>) in a
/// host of its own over a real SQLite file in a temporary directory, with short backoff settings. Start,
/// stop and start again (<see cref="RestartAsync"/>) on the same file.
/// </summary>
public sealed class DeliveryRig : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private IHost? _host;

    private DeliveryRig(Dictionary<string, string?> settings)
    {
        _settings = settings;
        DataDirectory = Directory.CreateTempSubdirectory("rydbox-delivery-").FullName;
        Database = new GatewayDatabase(Path.Combine(DataDirectory, "rydbox.db"));
        Tenants = new TenantRegistry(Database);
        Tenants.Add("tenant-a", "Tenant A");
        Tenants.Add("tenant-b", "Tenant B");
    }

    public string DataDirectory { get; }

    public GatewayDatabase Database { get; }

    public TenantRegistry Tenants { get; }

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("not started")).Services;

    public IAlertSink Sink => Services.GetRequiredService<IAlertSink>();

    public WebhookRegistry Webhooks => Services.GetRequiredService<WebhookRegistry>();

    /// <summary>A rig with fast retries (tens of milliseconds); <paramref name="settings"/> are "RydBox:Events:Webhooks:…" overrides.</summary>
    public static async Task<DeliveryRig> StartAsync(IDictionary<string, string?>? settings = null, bool start = true)
    {
        var all = new Dictionary<string, string?>
        {
            ["RydBox:Events:Webhooks:FirstRetryDelay"] = "00:00:00.050",
            ["RydBox:Events:Webhooks:MaxRetryDelay"] = "00:00:00.200",
            ["RydBox:Events:Webhooks:MaxAttempts"] = "10",
            ["RydBox:Events:Webhooks:RequestTimeout"] = "00:00:10",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var rig = new DeliveryRig(all);
        rig._host = rig.BuildHost();
        if (start)
        {
            await rig._host.StartAsync();
        }

        return rig;
    }

    /// <summary>Stops and disposes the host (the worker with it), then builds and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _host = BuildHost();
        await _host.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _host.StopAsync(timeout.Token);
            _host.Dispose();
            _host = null;
        }
    }

    public static EventNotification Towing(string tenant = "tenant-a", string device = "box-1", long start = 1_700_000_000_000, EventChange change = EventChange.Started) =>
        new(tenant, device, new TowingEvent(start, null, new Place(52.52, 13.405), null, [new TrackPoint(start, new Place(52.52, 13.405))], RaisedByBox: false), change, DateTimeOffset.FromUnixTimeMilliseconds(start + 90_000));

    public static EventNotification Dtc(string tenant = "tenant-a", string device = "box-1", long start = 1_700_000_100_000) =>
        new(tenant, device, new DtcEvent(start, "P0301", Cleared: false), EventChange.Instant, DateTimeOffset.FromUnixTimeMilliseconds(start + 1_000));

    public IReadOnlyList<WebhookDelivery> Deliveries(string tenant = "tenant-a") => Webhooks.ListDeliveries(tenant, limit: 1000);

    public WebhookDelivery Delivery(long id, string tenant = "tenant-a") => Webhooks.GetDelivery(tenant, id) ?? throw new InvalidOperationException($"no delivery {id}");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
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

    private IHost BuildHost()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_settings);
        if (Environment.GetEnvironmentVariable("RYDBOX_TEST_LOG") is null)
        {
            builder.Logging.AddFilter(_ => false);
        }
        else
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }
        builder.Services.AddSingleton(Database);
        builder.Services.AddEventDelivery();
        return builder.Build();
    }
}
