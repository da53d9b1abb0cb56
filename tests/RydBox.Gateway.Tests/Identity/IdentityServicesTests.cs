using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Identity;

public sealed class IdentityServicesTests : IDisposable
{
    private readonly IdentityRig _rig = new();

    [Fact]
    public void The_directory_and_authenticator_are_singletons_and_a_registry_revoke_reaches_them_at_once()
    {
        using ServiceProvider services = Services(cacheSeconds: "3600");
        _rig.Tenants.Add("acme", "ACME");
        string secret = _rig.Devices.Add("box-1", "acme").Secret;
        var directory = services.GetRequiredService<IDeviceDirectory>();
        var authenticator = services.GetRequiredService<IApiKeyAuthenticator>();
        string key = services.GetRequiredService<ApiKeyRegistry>().Add("acme").Key;

        directory.Should().BeOfType<SqliteDeviceDirectory>().And.BeSameAs(services.GetRequiredService<SqliteDeviceDirectory>()).And.BeSameAs(services.GetRequiredService<IDeviceDirectory>());
        authenticator.Should().BeOfType<SqliteApiKeyAuthenticator>().And.BeSameAs(services.GetRequiredService<IApiKeyAuthenticator>());
        directory.Authenticate("box-1", secret).Should().BeTrue();
        authenticator.TenantOf(key).Should().Be("acme");

        services.GetRequiredService<DeviceRegistry>().Revoke("box-1");
        services.GetRequiredService<ApiKeyRegistry>().Revoke(key);

        directory.Authenticate("box-1", secret).Should().BeFalse();
        authenticator.TenantOf(key).Should().BeNull();
    }

    [Fact]
    public void Cache_seconds_comes_from_RydBox_Identity_and_zero_turns_the_cache_off()
    {
        using ServiceProvider services = Services(cacheSeconds: "0");
        _rig.Tenants.Add("acme", "ACME");
        string secret = _rig.Devices.Add("box-1", "acme").Secret;
        var directory = services.GetRequiredService<IDeviceDirectory>();
        directory.Authenticate("box-1", secret).Should().BeTrue();

        _rig.OtherProcessDevices.Revoke("box-1");

        directory.Authenticate("box-1", secret).Should().BeFalse("without a cache another process's revoke is seen at once");
    }

    public void Dispose() => _rig.Dispose();

    private ServiceProvider Services(string cacheSeconds)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RydBox:Identity:CacheSeconds"] = cacheSeconds })
            .Build();
        return new ServiceCollection()
            .AddSingleton(configuration)
            .AddSingleton<GatewayDatabase>(_rig.Database)
            .AddGatewayIdentity()
            .BuildServiceProvider();
    }
}
