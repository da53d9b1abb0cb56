using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Privacy;

public static class PrivacyServices
{
    /// <summary>
    /// Data protection: <see cref="DeviceDataEraser"/> and <see cref="RetentionSweeper"/> (singletons)
    /// and the <see cref="RetentionService"/> that runs the sweeper periodically (a hosted service).
    /// Reads <see cref="PrivacyOptions"/> from "RydBox:Privacy". Needs GatewayDatabase and an
    /// ITelemetryStore (call after AddTelemetryStore); uses IdentityChanges and TimeProvider when
    /// registered. Registering twice changes nothing.
    /// </summary>
    public static IServiceCollection AddGatewayPrivacy(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RetentionService)))
        {
            return services;
        }

        services.AddSingleton(provider => PrivacyOptions.From(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton(provider => new DeviceDataEraser(
            provider.GetRequiredService<GatewayDatabase>(),
            provider.GetRequiredService<ITelemetryStore>(),
            provider.GetRequiredService<ILogger<DeviceDataEraser>>(),
            provider.GetService<IdentityChanges>(),
            Time(provider)));
        services.AddSingleton(provider => new RetentionSweeper(
            provider.GetRequiredService<GatewayDatabase>(),
            provider.GetRequiredService<ITelemetryStore>(),
            provider.GetRequiredService<ILogger<RetentionSweeper>>(),
            Time(provider)));
        services.AddSingleton(provider => new RetentionService(
            provider.GetRequiredService<RetentionSweeper>(),
            provider.GetRequiredService<PrivacyOptions>(),
            Time(provider),
            provider.GetRequiredService<ILogger<RetentionService>>()));
        services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;
}
