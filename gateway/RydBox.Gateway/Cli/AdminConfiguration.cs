using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Cli;

/// <summary>
/// The gateway's settings as `serve` would read them, so the CLI and a running gateway share one
/// database: appsettings.json and appsettings.{environment}.json in the current directory, then
/// environment variables (RydBox__DataDirectory, RydBox__Broker__Username …).
/// </summary>
internal static class AdminConfiguration
{
    public static (GatewayOptions Gateway, IdentityOptions Identity) Load()
    {
        IConfigurationRoot configuration = Sources();
        return (
            configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions(),
            configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions());
    }

    /// <summary>What the gateway reads too: appsettings.json and appsettings.{environment}.json in the current directory, then environment variables.</summary>
    public static IConfigurationRoot Sources()
    {
        string environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
