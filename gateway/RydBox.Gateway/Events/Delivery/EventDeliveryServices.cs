using Microsoft.Extensions.Options;
using RydBox.Gateway.Broker;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Delivery;

public static class EventDeliveryServices
{
    /// <summary>
    /// Event delivery, all singletons: <see cref="IAlertSink"/> (<see cref="AlertDispatcher"/>),
    /// <see cref="AlertPublisher"/> (MQTT, through the <see cref="IBrokerPublisher"/> if one is registered),
    /// <see cref="WebhookRegistry"/>, <see cref="WebhookQueue"/>, <see cref="WebhookSignal"/>, the named
    /// HttpClient <see cref="WebhookDeliveryWorker.HttpClientName"/> and the hosted
    /// <see cref="WebhookDeliveryWorker"/>. Reads <see cref="WebhookOptions"/> from "RydBox:Events:Webhooks".
    /// Needs <see cref="GatewayDatabase"/> (and IConfiguration, as any host has).
    /// </summary>
    public static IServiceCollection AddEventDelivery(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.MaxAttempts >= 1 && o.BackoffFactor >= 1 && o.FirstRetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay
                           && o.RequestTimeout > TimeSpan.Zero && o.MaxConcurrentDeliveries >= 1,
                "RydBox:Events:Webhooks: MaxAttempts and MaxConcurrentDeliveries at least 1, BackoffFactor at least 1, MaxRetryDelay at least FirstRetryDelay, RequestTimeout positive")
            .ValidateOnStart();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton(provider => new WebhookRegistry(provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<WebhookSignal>(), Time(provider)));
        services.AddSingleton(provider => new WebhookQueue(provider.GetRequiredService<GatewayDatabase>(), provider.GetRequiredService<WebhookSignal>(), Time(provider)));
        services.AddSingleton(provider => new AlertPublisher(provider.GetService<IBrokerPublisher>(), provider.GetRequiredService<ILogger<AlertPublisher>>()));
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<IAlertSink>(provider => provider.GetRequiredService<AlertDispatcher>());
        services.AddHttpClient(WebhookDeliveryWorker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // the worker's RequestTimeout applies
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers();
        services.AddHostedService(provider => new WebhookDeliveryWorker(
            provider.GetRequiredService<WebhookQueue>(),
            provider.GetRequiredService<WebhookSignal>(),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IOptions<WebhookOptions>>(),
            provider.GetRequiredService<ILogger<WebhookDeliveryWorker>>(),
            Time(provider)));
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;
}
