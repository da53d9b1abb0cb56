using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RydBox.Gateway.Tests.Api;

/// <summary>
/// Adds services to a host GatewayHost.Build is about to build, chosen by its data directory.
/// GatewayHost.Build only takes configuration, so this listens for the "HostBuilding" diagnostic
/// event the hosting library raises for every host (what WebApplicationFactory uses too).
/// </summary>
internal static class TestHostServices
{
    private static readonly ConcurrentDictionary<string, Action<IServiceCollection>> ByDataDirectory = new();
    private static int _installed;

    public static void Register(string dataDirectory, Action<IServiceCollection> configure)
    {
        ByDataDirectory[dataDirectory] = configure;
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());
        }
    }

    public static void Unregister(string dataDirectory) => ByDataDirectory.TryRemove(dataDirectory, out _);

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(new EventObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
            {
                builder.ConfigureServices((context, services) =>
                {
                    string? directory = context.Configuration["RydBox:DataDirectory"];
                    if (directory is not null && ByDataDirectory.TryGetValue(directory, out Action<IServiceCollection>? configure))
                    {
                        configure(services);
                    }
                });
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
