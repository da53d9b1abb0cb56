using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Gateway.Hosting;

namespace RydBox.Gateway.Tests.Api;

/// <summary>
/// A real gateway (GatewayHost.Build) on a loopback port the kernel picks, over a SQLite file in a
/// temp directory, with the broker on a free port too. API keys are checked by the gateway's own
/// IApiKeyAuthenticator against the rows the tests seed.
/// </summary>
public class ApiGateway : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ApiGateway()
        : this(new Dictionary<string, string?>())
    {
    }

    protected ApiGateway(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("rydbox-api-").FullName;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RydBox:DataDirectory"] = DataDirectory,
            ["RydBox:Api:Url"] = "http://127.0.0.1:0",
            ["RydBox:Broker:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach ((string key, string? value) in _settings)
        {
            settings[key] = value;
        }

        App = GatewayHost.Build([], configuration => configuration.AddInMemoryCollection(settings));
        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.Single());
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>An HTTP client sending <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public virtual async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
