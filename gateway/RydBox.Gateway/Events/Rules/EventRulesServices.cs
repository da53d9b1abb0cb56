using Microsoft.Extensions.DependencyInjection.Extensions;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Events.Storage;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Rules;

public static class EventRulesServices
{
    /// <summary>
    /// Family-safety rules, all singletons: <see cref="VehicleRulesReader"/> (one per process: its
    /// version is what the registries move; the event processor's <see cref="IVehicleRulesSource"/>), <see cref="GeofenceRegistry"/> and <see cref="CurfewRegistry"/>, and the <see cref="VehicleEventStore"/> the events API reads.
    /// Needs <see cref="GatewayDatabase"/>. Calling it twice registers nothing twice.
    /// </summary>
    public static IServiceCollection AddEventRules(this IServiceCollection services)
    {
        // The API's events listing reads it; the event processor writes through its static methods.
        services.TryAddSingleton(provider => new VehicleEventStore(provider.GetRequiredService<GatewayDatabase>()));
        services.TryAddSingleton(provider => new VehicleRulesReader(provider.GetRequiredService<GatewayDatabase>()));
        services.TryAddSingleton<IVehicleRulesSource>(provider => provider.GetRequiredService<VehicleRulesReader>());
        services.TryAddSingleton(provider => new GeofenceRegistry(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<VehicleRulesReader>(), provider.GetService<TimeProvider>()));
        services.TryAddSingleton(provider => new CurfewRegistry(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<VehicleRulesReader>(), provider.GetService<TimeProvider>()));
        return services;
    }
}
