namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// Prepares InfluxDB when the gateway starts (V1: creates the database when missing), so a
/// wrong address or wrong credentials show in the log at once rather than at the first batch.
/// A server that is not up yet does not stop the gateway: the store prepares again before its
/// first operation, and the ingest pipeline retries batches it could not store.
/// </summary>
internal sealed class InfluxStartup(InfluxTelemetryStore store, ILogger<InfluxStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.PrepareAsync(cancellationToken);
        }
        catch (InfluxStoreException e)
        {
            logger.LogError("InfluxDB telemetry store is not ready: {Message}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
