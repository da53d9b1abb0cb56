using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Rules;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Events.Api;

/// <summary>
/// A whole gateway (TestGateway: GatewayHost.Build, real SQLite, loopback HTTP) with event delivery and
/// the rules registered the way the lead will register them in GatewayHost (only when not there yet),
/// webhooks giving up after one attempt. Tenant A has car-a1 and car-a2, tenant B car-b1; one API key each.
/// </summary>
public sealed class EventApiRig : IAsyncLifetime
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";
    public const string CarA1 = "car-a1";
    public const string CarA2 = "car-a2";
    public const string CarB1 = "car-b1";

    public TestGateway Gateway { get; private set; } = null!;

    public string KeyA { get; private set; } = null!;

    public string KeyB { get; private set; } = null!;

    public HttpClient A { get; private set; } = null!;

    public HttpClient B { get; private set; } = null!;

    public T Service<T>()
        where T : notnull => Gateway.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["RydBox:Events:Webhooks:MaxAttempts"] = "1", ["RydBox:Events:Webhooks:RequestTimeout"] = "00:00:05" },
            configureServices: services =>
            {
                if (!services.Any(s => s.ServiceType == typeof(WebhookRegistry)))
                {
                    services.AddEventDelivery();
                }

                services.AddEventRules();
            });
        Gateway.SeedDevice(CarA1, TenantA);
        Gateway.SeedDevice(CarA2, TenantA);
        Gateway.SeedDevice(CarB1, TenantB);
        var keys = new ApiKeyRegistry(Gateway.Database);
        KeyA = keys.Add(TenantA, "a").Key;
        KeyB = keys.Add(TenantB, "b").Key;
        A = Client(KeyA);
        B = Client(KeyB);
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Gateway.ApiAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        A.Dispose();
        B.Dispose();
        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EventApiCollection : ICollectionFixture<EventApiRig>
{
    public const string Name = "Events API";
}

/// <summary>Requests and their answers as JSON trees.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, response);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Get(HttpClient client, string path) => SendAsync(client, HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Post(HttpClient client, string path, string json) => SendAsync(client, HttpMethod.Post, path, json);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Delete(HttpClient client, string path) => SendAsync(client, HttpMethod.Delete, path);

    /// <summary>Expects <paramref name="status"/>, showing the body when it is not.</summary>
    public static JsonNode? Expect(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) answer, HttpStatusCode status)
    {
        answer.Status.Should().Be(status, answer.Body?.ToJsonString());
        return answer.Body;
    }

    /// <summary>A 400 problem+json whose detail says <paramref name="because"/>.</summary>
    public static void ShouldBeRefusedWith(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) answer, string because)
    {
        answer.Expect(HttpStatusCode.BadRequest);
        answer.Response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        ((string?)answer.Body!["detail"]).Should().Contain(because);
    }
}
