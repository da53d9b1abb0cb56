namespace RydBox.Gateway.Events.Delivery;

/// <summary>Webhook delivery, from configuration section "RydBox:Events:Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "RydBox:Events:Webhooks";

    /// <summary>Wait before the second attempt. Default 5 s: a receiver restarting is back by then.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each further wait is this many times the previous one. Default 2.</summary>
    public double BackoffFactor { get; set; } = 2;

    /// <summary>Longest wait between attempts. Default 10 min: ten attempts then span about 40 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a delivery is marked failed (kept for inspection and a retry by hand). Default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long one POST may take, connect to last byte of the answer. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>POSTs in flight at once, over all webhooks, so one slow receiver does not hold up the others. Default 8.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>Delivered rows are deleted after this long (failed ones stay until retried or their webhook is removed). Default 7 days.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> + 1 after <paramref name="attempt"/> failed ones:
    /// FirstRetryDelay × BackoffFactor^(attempt − 1), at most MaxRetryDelay, with ±20 % jitter
    /// (<paramref name="jitter"/> in [0, 1)) so that deliveries failing together do not retry in lockstep.
    /// </summary>
    public TimeSpan RetryDelay(int attempt, double jitter)
    {
        double seconds = FirstRetryDelay.TotalSeconds * Math.Pow(Math.Max(1, BackoffFactor), Math.Max(0, attempt - 1));
        seconds = Math.Min(seconds, MaxRetryDelay.TotalSeconds);
        seconds *= 0.8 + (0.4 * jitter);
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds));
    }
}
