using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RydBox.Gateway.Tests.Events.Delivery;

/// <summary>A request the receiver got: its path, the RydBox headers and the raw body.</summary>
public sealed record ReceivedWebhook(string Path, string? Signature, string? Timestamp, string? DeliveryId, string? ContentType, byte[] Body);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) standing in for a tenant's webhook receiver:
/// records every POST, answers with the status <see cref="Answer"/> gives for the request's number (1,
/// 2, …) on that path, and holds requests while <see cref="Hold"/> is closed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Dictionary<string, int> _countByPath = [];
    private TaskCompletionSource _gate = Open();
    private int _inProgress;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The status for the n-th request (1-based) on a path; 200 unless set.</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests waiting at the closed gate (or being answered) right now.</summary>
    public int InProgress => Volatile.Read(ref _inProgress);

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Address = new Uri(address);
        return receiver;
    }

    public string Url(string path) => new Uri(Address, path).AbsoluteUri;

    public IReadOnlyList<ReceivedWebhook> On(string path) => Received.Where(r => r.Path == "/" + path.TrimStart('/')).ToList();

    /// <summary>From now on requests wait until <see cref="Release"/>.</summary>
    public void Hold() => Interlocked.Exchange(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release() => Volatile.Read(ref _gate).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inProgress);
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            string path = context.Request.Path.Value ?? "/";
            int number;
            lock (_received)
            {
                _received.Add(new ReceivedWebhook(
                    path,
                    context.Request.Headers["X-RydBox-Signature"].SingleOrDefault(),
                    context.Request.Headers["X-RydBox-Timestamp"].SingleOrDefault(),
                    context.Request.Headers["X-RydBox-Delivery"].SingleOrDefault(),
                    context.Request.ContentType,
                    body.ToArray()));
                number = _countByPath[path] = _countByPath.GetValueOrDefault(path) + 1;
            }

            await Volatile.Read(ref _gate).Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = Answer(path, number);
        }
        catch (OperationCanceledException)
        {
            // The gateway gave up on this request (its timeout, or it stopped).
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }
}
