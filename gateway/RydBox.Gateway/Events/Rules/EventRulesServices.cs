using Microsoft.Extensions.DependencyInjection.Extensions;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Rules;

public static class EventRulesServices
{
    /// <summary>
    /// Family-safety rules, all singletons: <see cref="VehicleRulesReader"/> (one per process: its
    /// version is what the registries move), <see cref="GeofenceRegistry"/> and <see cref="CurfewRegistry"/>.
    /// Needs <see cref="GatewayDatabase"/>. Calling it twice registers nothing twice.
    /// </summary>
    public static IServiceCollection AddEventRules(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new VehicleRulesReader(provider.GetRequiredService<GatewayDatabase>()));
        services.TryAddSingleton(provider => new GeofenceRegistry(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<VehicleRulesReader>(), provider.GetService<TimeProvider>()));
        services.TryAddSingleton(provider => new CurfewRegistry(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<VehicleRulesReader>(), provider.GetService<TimeProvider>()));
        return services;
    }
}
