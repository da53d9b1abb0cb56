namespace RydBox.Gateway.Ingest;

public static class IngestServices
{
    /// <summary>The pipeline from received MQTT messages to committed storage.</summary>
    public static IServiceCollection AddGatewayIngest(this IServiceCollection services) => services;
}
