using Microsoft.Extensions.DependencyInjection.Extensions;
using RydBox.Gateway.Ingest;

namespace RydBox.Gateway.Events.Processing;

public static class EventProcessingServices
{
    /// <summary>
    /// Event detection on everything ingest stores (<see cref="EventFeed"/> → <see cref="EventProcessor"/>),
    /// configured from <see cref="EventsOptions.Section"/>. Needs an <see cref="IVehicleRulesSource"/>
    /// (AddEventRules) and takes any IAlertSink (AddEventDelivery). Register before the ingest pipeline,
    /// so that it stops after it and detects what was stored last.
    /// </summary>
    public static IServiceCollection AddEventProcessing(this IServiceCollection services)
    {
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventFeed>();
        services.AddSingleton<IIngestObserver>(provider => provider.GetRequiredService<EventFeed>());
        services.AddSingleton<EventProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<EventProcessor>());
        return services;
    }
}
