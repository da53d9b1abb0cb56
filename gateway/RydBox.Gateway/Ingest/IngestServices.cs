using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RydBox.Gateway.Ingest;

public static class IngestServices
{
    /// <summary>
    /// The pipeline from received MQTT messages to committed storage (<see cref="IngestPipeline"/>,
    /// a hosted service the brokers submit to) and the gateway's counters (<see cref="GatewayMetrics"/>).
    /// Needs an IDeviceDirectory and an ITelemetryStore from the other parts.
    /// </summary>
    public static IServiceCollection AddGatewayIngest(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayMetrics>();
        services.AddSingleton<IngestPipeline>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestPipeline>());
        return services;
    }
}
