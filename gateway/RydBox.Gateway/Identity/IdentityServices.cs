namespace RydBox.Gateway.Identity;

public static class IdentityServices
{
    /// <summary>Tenants, devices, API keys and the device directory the broker authenticates against.</summary>
    public static IServiceCollection AddGatewayIdentity(this IServiceCollection services) => services;
}
