using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using RydBox.Gateway.Api;
using RydBox.Gateway.Broker;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Events.Rules;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Hosting;

/// <summary>Builds the running gateway: configuration, services of every part, the HTTP API.</summary>
public static class GatewayHost
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        // Quiet defaults that any configuration source may override: one line per request is noise here.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        configure?.Invoke(builder.Configuration);
        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        GatewayOptions options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.WebHost.UseUrls(options.Api.Url);
        builder.Services.AddSingleton(provider => new GatewayDatabase(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.DatabasePath));
        builder.Services.AddGatewayIdentity();
        builder.Services.AddTelemetryStore(options);
        builder.Services.AddGatewayPrivacy();
        builder.Services.AddEventRules();
        builder.Services.AddEventDelivery();
        if (builder.Configuration.GetValue($"{EventsOptions.Section}:{nameof(EventsOptions.Enabled)}", true))
        {
            // Before ingest: hosted services stop in reverse order, so detection sees what was stored last.
            builder.Services.AddEventProcessing();
        }

        builder.Services.AddGatewayIngest();
        builder.Services.AddGatewayBroker(options);
        builder.Services.AddGatewayApi();

        WebApplication app = builder.Build();
        app.MapGatewayApi();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceStart(app, options));
        return app;
    }

    private static void AnnounceStart(WebApplication app, GatewayOptions options)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RydBox.Gateway");
        string telemetry = options.Storage.Telemetry == TelemetryStoreKind.Sqlite
            ? "SQLite"
            : $"InfluxDB at {options.Storage.Influx.Url} (API {options.Storage.Influx.ApiVersion})";
        logger.LogInformation(
            "RydBox gateway ready: HTTP API on {Urls} (OpenAPI at /openapi/v1.json), database {Database}, telemetry in {Telemetry}",
            string.Join(", ", app.Urls), app.Services.GetRequiredService<GatewayDatabase>().Path, telemetry);
    }
}
