using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RydBox.Gateway.Tests.Support;

/// <summary>
/// Adds services to a host built by code the test does not control (GatewayHost.Build), after that
/// code registered its own and before the service provider is made: the host raises "HostBuilding"
/// on the DiagnosticListener "Microsoft.Extensions.Hosting" with its builder, as
/// Microsoft.AspNetCore.Mvc.Testing relies on. Only builds run inside <see cref="Build{T}"/>, on the
/// same async flow, are touched, so gateways built in parallel by other tests are left alone.
/// </summary>
internal static class HostBuildingHook
{
    private static readonly AsyncLocal<Action<IServiceCollection>?> Current = new();

    static HostBuildingHook() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    public static T Build<T>(Action<IServiceCollection> configureServices, Func<T> build)
    {
        Current.Value = configureServices;
        try
        {
            return build();
        }
        finally
        {
            Current.Value = null;
        }
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(new EventObserver(), name => name == "HostBuilding");
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
            if (value.Key == "HostBuilding" && Current.Value is { } configure && value.Value is IHostBuilder builder)
            {
                builder.ConfigureServices((_, services) => configure(services));
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
