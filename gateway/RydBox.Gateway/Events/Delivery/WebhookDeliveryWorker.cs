using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// Sends due webhook deliveries in the background: up to MaxConcurrentDeliveries POSTs at once, each
/// signed (<see cref="WebhookSignature"/>) when it is sent, with the timeout RequestTimeout. A 2xx answer
/// marks the delivery delivered; anything else (another status, a timeout, no connection; redirects
/// are not followed) schedules the next attempt with backoff and jitter
/// (<see cref="WebhookOptions.RetryDelay"/>) until MaxAttempts, then marks it failed. It sleeps until
/// the next delivery is due or it is woken (<see cref="WebhookSignal"/>). At stop, POSTs in flight are
/// cancelled and their deliveries stay pending with the attempt uncounted: they go out after the restart.
/// </summary>
public sealed class WebhookDeliveryWorker(
    WebhookQueue queue,
    WebhookSignal signal,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryWorker> logger,
    TimeProvider? timeProvider = null) : BackgroundService
{
    /// <summary>The named HttpClient the worker posts with (no redirects, no request logging: URLs may carry tokens).</summary>
    public const string HttpClientName = "RydBox.Webhooks";

    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);

    private readonly WebhookOptions _options = options.Value;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<long, Task> _inFlight = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long lastCleanup = long.MinValue;
        int concurrency = Math.Max(1, _options.MaxConcurrentDeliveries);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep = LongestSleep;
            try
            {
                long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (now - lastCleanup >= CleanupInterval.TotalMilliseconds)
                {
                    lastCleanup = now;
                    int deleted = queue.DeleteDeliveredBefore(now - (long)_options.DeliveredRetention.TotalMilliseconds);
                    if (deleted > 0)
                    {
                        logger.LogInformation("Deleted {Count} webhook deliveries delivered more than {Retention} ago", deleted, _options.DeliveredRetention);
                    }
                }

                long[] busy;
                lock (_inFlight)
                {
                    busy = [.. _inFlight.Keys];
                }

                int free = concurrency - busy.Length;
                if (free > 0)
                {
                    foreach (DueDelivery due in queue.Due(now, free, busy))
                    {
                        Start(due, stoppingToken);
                    }

                    lock (_inFlight)
                    {
                        busy = [.. _inFlight.Keys];
                    }

                    if (busy.Length < concurrency && queue.NextDueMs(busy) is long next)
                    {
                        long untilDue = Math.Max(0, next - _time.GetUtcNow().ToUnixTimeMilliseconds());
                        sleep = TimeSpan.FromMilliseconds(Math.Min(untilDue, LongestSleep.TotalMilliseconds));
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database busy or gone for a moment: try again shortly rather than stop delivering.
                logger.LogError(e, "Webhook delivery loop failed; retrying");
                sleep = TimeSpan.FromSeconds(1);
            }

            try
            {
                await signal.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Task[] remaining;
        lock (_inFlight)
        {
            remaining = [.. _inFlight.Values];
        }

        await Task.WhenAll(remaining);
    }

    private void Start(DueDelivery due, CancellationToken stoppingToken)
    {
        lock (_inFlight)
        {
            _inFlight[due.Id] = SendAndRecordAsync(due, stoppingToken);
        }
    }

    private async Task SendAndRecordAsync(DueDelivery due, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the loop goes on starting others while this one waits for its receiver
        try
        {
            (int? status, string? error) = await SendAsync(due, stoppingToken);
            long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            int attempts = due.Attempts + 1;
            if (error is null)
            {
                queue.RecordDelivered(due.Id, status!.Value, now);
                logger.LogDebug("Webhook delivery {Delivery} ({Notification}) to {Webhook} delivered: HTTP {Status}", due.Id, due.NotificationId, due.WebhookId, status);
            }
            else if (attempts >= _options.MaxAttempts)
            {
                queue.RecordFailedAttempt(due.Id, attempts, status, error, now, nextAttemptMs: null);
                logger.LogWarning("Webhook delivery {Delivery} ({Notification}) to {Webhook} failed for good after {Attempts} attempts: {Error}", due.Id, due.NotificationId, due.WebhookId, attempts, error);
            }
            else
            {
                TimeSpan delay = _options.RetryDelay(attempts, Random.Shared.NextDouble());
                queue.RecordFailedAttempt(due.Id, attempts, status, error, now, now + (long)delay.TotalMilliseconds);
                logger.LogInformation("Webhook delivery {Delivery} to {Webhook}, attempt {Attempt}: {Error}; next attempt in {Delay:0.#} s", due.Id, due.WebhookId, attempts, error, delay.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the delivery stays pending, attempt not counted, and goes out after the restart.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not record the outcome of webhook delivery {Delivery}; it stays pending", due.Id);
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(due.Id);
            }

            signal.Wake();
        }
    }

    /// <returns>The status code (null without an answer) and the error (null for a 2xx).</returns>
    private async Task<(int? Status, string? Error)> SendAsync(DueDelivery due, CancellationToken stoppingToken)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(due.Body);
        long timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, due.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(due.Secret, timestamp, body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, due.NotificationId);
        request.Headers.UserAgent.ParseAdd("RydBox-Gateway-Webhooks/1");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            HttpClient client = httpClients.CreateClient(HttpClientName);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            int status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? (status, null) : (status, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}");
        }
    }
}
