using Microsoft.Extensions.Options;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Identity;

public static class IdentityServices
{
    /// <summary>
    /// Tenants, devices, API keys and the device directory the broker authenticates against, all
    /// singletons: <see cref="TenantRegistry"/>, <see cref="DeviceRegistry"/>, <see cref="ApiKeyRegistry"/>,
    /// <see cref="IDeviceDirectory"/> (<see cref="SqliteDeviceDirectory"/>) and
    /// <see cref="IApiKeyAuthenticator"/> (<see cref="SqliteApiKeyAuthenticator"/>), sharing one
    /// <see cref="IdentityChanges"/> so a revoke through a registry empties the caches at once.
    /// Reads <see cref="IdentityOptions"/> from "RydBox:Identity".
    /// </summary>
    public static IServiceCollection AddGatewayIdentity(this IServiceCollection services)
    {
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
        services.AddSingleton<IdentityChanges>();
        services.AddSingleton(provider => new TenantRegistry(provider.GetRequiredService<GatewayDatabase>(), Time(provider)));
        services.AddSingleton(provider => new DeviceRegistry(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<IdentityChanges>(), Time(provider)));
        services.AddSingleton(provider => new ApiKeyRegistry(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<IdentityChanges>(), Time(provider)));
        services.AddSingleton(provider => new SqliteDeviceDirectory(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<IdentityChanges>(), CacheLifetime(provider), Time(provider)));
        services.AddSingleton<IDeviceDirectory>(provider => provider.GetRequiredService<SqliteDeviceDirectory>());
        services.AddSingleton(provider => new SqliteApiKeyAuthenticator(
            provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<IdentityChanges>(), CacheLifetime(provider), Time(provider)));
        services.AddSingleton<IApiKeyAuthenticator>(provider => provider.GetRequiredService<SqliteApiKeyAuthenticator>());
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static TimeSpan CacheLifetime(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<IdentityOptions>>().Value.CacheLifetime;
}
