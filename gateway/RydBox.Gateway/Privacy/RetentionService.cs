namespace RydBox.Gateway.Privacy;

/// <summary>
/// Enforces tenants' retention periods while the gateway runs: a <see cref="RetentionSweeper"/>
/// pass <see cref="PrivacyOptions.RetentionFirstRunDelay"/> after the start, then every
/// <see cref="PrivacyOptions.RetentionInterval"/>, timed by the host's <see cref="TimeProvider"/>.
/// A failing pass is logged and the next one tries again; nothing stops the loop but the host.
/// </summary>
public sealed class RetentionService(RetentionSweeper sweeper, PrivacyOptions options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    private RetentionReport? _lastReport;
    private int _passes;

    /// <summary>The last pass that ran to its end (possibly with failed tenants); null before the first.</summary>
    public RetentionReport? LastReport => Volatile.Read(ref _lastReport);

    /// <summary>Passes run to their end since the start.</summary>
    public int Passes => Volatile.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RetentionEnabled)
        {
            logger.LogInformation("Retention passes are off ({Section}:RetentionEnabled); old data is deleted only by `rydbox-gateway retention run`", PrivacyOptions.Section);
            return;
        }

        try
        {
            await Task.Delay(options.RetentionFirstRunDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(options.RetentionInterval, time);
            do
            {
                await RunPassAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunPassAsync(CancellationToken stoppingToken)
    {
        try
        {
            RetentionReport report = await sweeper.RunAsync(stoppingToken);
            Volatile.Write(ref _lastReport, report);
            Interlocked.Increment(ref _passes);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A locked or broken database: log it, the next pass tries again.
            logger.LogError(e, "Retention pass failed; the next one runs in {Interval}", options.RetentionInterval);
        }
    }
}
