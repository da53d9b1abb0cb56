using Microsoft.Extensions.Options;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage.Influx;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Storage;

public static class TelemetryStoreServices
{
    /// <summary>The configured <see cref="ITelemetryStore"/>: SQLite by default, InfluxDB on request.</summary>
    public static IServiceCollection AddTelemetryStore(this IServiceCollection services, GatewayOptions options) =>
        options.Storage.Telemetry switch
        {
            TelemetryStoreKind.Sqlite => services.AddSingleton<ITelemetryStore, SqliteTelemetryStore>(),
            TelemetryStoreKind.Influx => services
                .AddSingleton(provider => new InfluxTelemetryStore(
                    provider.GetRequiredService<IOptions<GatewayOptions>>().Value.Storage.Influx,
                    InfluxStoreTuning.From(provider.GetRequiredService<IConfiguration>()),
                    provider.GetRequiredService<ILogger<InfluxTelemetryStore>>()))
                .AddSingleton<ITelemetryStore>(provider => provider.GetRequiredService<InfluxTelemetryStore>())
                .AddHostedService<InfluxStartup>(),
            _ => throw new NotSupportedException($"telemetry store {options.Storage.Telemetry} is not available"),
        };
}
