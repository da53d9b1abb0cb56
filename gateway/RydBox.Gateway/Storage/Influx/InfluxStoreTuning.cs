namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// Knobs of the InfluxDB store beyond the connection settings of GatewayOptions, read from the
/// same section, RydBox:Storage:Influx (e.g. RydBox__Storage__Influx__BatchPoints=2000).
/// </summary>
public sealed class InfluxStoreTuning
{
    public const string Section = "RydBox:Storage:Influx";

    /// <summary>Points (samples) sent in one write request at most.</summary>
    public int BatchPoints { get; set; } = 5000;

    /// <summary>How long one HTTP request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per request when the server is unreachable, overloaded (429) or failing (5xx); other errors are not retried.</summary>
    public int Attempts { get; set; } = 4;

    /// <summary>Wait before the second try; it doubles for each further one (or follows the server's Retry-After).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>V1: create the database when it is missing (needs an admin user when authentication is on).</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>V1: retention policy to write into and read from; empty = the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    public static InfluxStoreTuning From(IConfiguration configuration)
    {
        var tuning = new InfluxStoreTuning();
        configuration.GetSection(Section).Bind(tuning);
        if (tuning.BatchPoints < 1 || tuning.Attempts < 1 || tuning.Timeout <= TimeSpan.Zero || tuning.RetryDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{Section}: BatchPoints and Attempts must be at least 1, Timeout positive and RetryDelay not negative");
        }

        return tuning;
    }
}
