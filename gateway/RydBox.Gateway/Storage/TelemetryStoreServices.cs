using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Storage;

public static class TelemetryStoreServices
{
    /// <summary>The configured <see cref="ITelemetryStore"/>: SQLite by default, InfluxDB on request.</summary>
    public static IServiceCollection AddTelemetryStore(this IServiceCollection services, GatewayOptions options) =>
        options.Storage.Telemetry switch
        {
            TelemetryStoreKind.Sqlite => services.AddSingleton<ITelemetryStore, SqliteTelemetryStore>(),
            _ => throw new NotSupportedException($"telemetry store {options.Storage.Telemetry} is not available yet"),
        };
}
