using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;

namespace RydBox.Simulator.Demo;

/// <summary>
/// The gateway as `rydbox-gateway` runs it on its embedded defaults, inside the demo's process:
/// embedded broker, SQLite in the demo's data directory, the HTTP API. Provisions the demo tenant,
/// its devices and an API key through the gateway's own registries.
/// </summary>
public sealed class DemoGateway : IAsyncDisposable
{
    public const string TenantId = "demo";

    /// <summary>How often the gateway tells its detectors the time (its default is 30 s).</summary>
    private static readonly TimeSpan DetectionTick = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;

    private DemoGateway(WebApplication app, DemoOptions options)
    {
        _app = app;
        BrokerAddress = new Uri($"mqtt://127.0.0.1:{options.BrokerPort}");
        ApiAddress = new Uri($"http://127.0.0.1:{options.ApiPort}/");
        DataDirectory = options.DataDirectory;
    }

    public string DataDirectory { get; }

    public Uri BrokerAddress { get; }

    public Uri ApiAddress { get; }

    public GatewayDatabase Database => _app.Services.GetRequiredService<GatewayDatabase>();

    /// <summary>
    /// Gives event detection time to settle after the last message: it holds observations until the
    /// gateway's clock has passed them, and the clock ticks every <see cref="DetectionTick"/>.
    /// </summary>
    public static Task SettleDetectionAsync(CancellationToken cancellationToken) => Task.Delay(3 * DetectionTick, cancellationToken);

    /// <exception cref="DemoException">A port is taken.</exception>
    public static async Task<DemoGateway> StartAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        RequireFree(options.BrokerPort, "MQTT broker", "--broker-port");
        RequireFree(options.ApiPort, "HTTP API", "--api-port");
        var settings = new Dictionary<string, string?>
        {
            ["RydBox:DataDirectory"] = options.DataDirectory,
            ["RydBox:Broker:Port"] = options.BrokerPort.ToString(CultureInfo.InvariantCulture),
            ["RydBox:Api:Url"] = $"http://127.0.0.1:{options.ApiPort.ToString(CultureInfo.InvariantCulture)}",

            // The demo's data is hours old when it arrives: frequent ticks settle its events soon after the last message.
            ["RydBox:Events:TickInterval"] = DetectionTick.ToString("c", CultureInfo.InvariantCulture),
            // The demo prints its own progress; the gateway speaks up only for trouble.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        WebApplication app = GatewayHost.Build([], configuration => configuration.AddInMemoryCollection(settings));
        await app.StartAsync(cancellationToken);
        return new DemoGateway(app, options);
    }

    /// <summary>
    /// The demo tenant, <paramref name="count"/> devices with fresh secrets and a new API key. Devices
    /// left by an earlier run are erased with their data first: the new virtual boxes start their
    /// sequence numbers afresh, which the gateway would otherwise take for redeliveries.
    /// </summary>
    public async Task<(IReadOnlyList<(string DeviceId, string Secret)> Devices, string ApiKey)> ProvisionAsync(int count, CancellationToken cancellationToken)
    {
        var tenants = _app.Services.GetRequiredService<TenantRegistry>();
        if (tenants.Find(TenantId) is null)
        {
            tenants.Add(TenantId, "RydBox demo fleet");
        }

        var registry = _app.Services.GetRequiredService<DeviceRegistry>();
        var devices = new List<(string, string)>(count);
        for (int i = 1; i <= count; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"demo-{i:000}");
            if (registry.Find(id) is not null)
            {
                await _app.Services.GetRequiredService<DeviceDataEraser>().EraseAsync(id, deleteDevice: true, cancellationToken);
            }

            devices.Add((id, registry.Add(id, TenantId, name: $"Demo vehicle {i}").Secret));
        }

        string key = _app.Services.GetRequiredService<ApiKeyRegistry>().Add(TenantId, "demo").Key;
        return (devices, key);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void RequireFree(int port, string what, string option)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new DemoException($"port {port} on 127.0.0.1 is in use (another broker or gateway?); the demo's {what} needs it — choose another with {option}");
        }
    }
}
