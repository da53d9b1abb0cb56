using RydBox.Gateway.Hosting;

namespace RydBox.Gateway.Broker;

public static class BrokerServices
{
    /// <summary>
    /// The embedded MQTTnet broker (<see cref="EmbeddedMqttBroker"/>), or the client of an external
    /// broker (<see cref="ExternalBrokerClient"/>), as Broker:Mode says; either is also the
    /// <see cref="IBrokerPublisher"/> for messages from the gateway. Registered after the ingest
    /// pipeline, so at shutdown it stops first and the pipeline commits what it already received.
    /// </summary>
    public static IServiceCollection AddGatewayBroker(this IServiceCollection services, GatewayOptions options)
    {
        switch (options.Broker.Mode)
        {
            case BrokerMode.Embedded:
                services.AddSingleton<EmbeddedMqttBroker>();
                services.AddSingleton<IBrokerPublisher>(provider => provider.GetRequiredService<EmbeddedMqttBroker>());
                services.AddHostedService(provider => provider.GetRequiredService<EmbeddedMqttBroker>());
                break;
            case BrokerMode.External:
                services.AddSingleton<ExternalBrokerClient>();
                services.AddSingleton<IBrokerPublisher>(provider => provider.GetRequiredService<ExternalBrokerClient>());
                services.AddHostedService(provider => provider.GetRequiredService<ExternalBrokerClient>());
                break;
            default:
                throw new InvalidOperationException($"RydBox:Broker:Mode {options.Broker.Mode} is neither Embedded nor External");
        }

        return services;
    }
}
