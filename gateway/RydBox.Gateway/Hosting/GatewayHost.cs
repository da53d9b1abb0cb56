using Microsoft.Extensions.Options;
using RydBox.Gateway.Api;
using RydBox.Gateway.Broker;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Hosting;

/// <summary>Builds the running gateway: configuration, services of every part, the HTTP API.</summary>
public static class GatewayHost
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        GatewayOptions options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.WebHost.UseUrls(options.Api.Url);
        builder.Services.AddSingleton(provider => new GatewayDatabase(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.DatabasePath));
        builder.Services.AddGatewayIdentity();
        builder.Services.AddTelemetryStore(options);
        builder.Services.AddGatewayIngest();
        builder.Services.AddGatewayBroker(options);
        builder.Services.AddGatewayApi();

        WebApplication app = builder.Build();
        app.MapGatewayApi();
        return app;
    }
}
