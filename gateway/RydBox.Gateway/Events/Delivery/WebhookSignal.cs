namespace RydBox.Gateway.Events.Delivery;

/// <summary>Wakes the delivery worker early: something was queued, retried, enabled, or a delivery finished.</summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one wake-up covers any number of reasons.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>Waits for a <see cref="Wake"/> or until <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
