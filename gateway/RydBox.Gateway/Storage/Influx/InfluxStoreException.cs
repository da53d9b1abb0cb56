namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// InfluxDB did not do what the telemetry store asked; the message says which server, what was
/// asked, what it answered and, where there is one, what to change in the configuration.
/// </summary>
public sealed class InfluxStoreException : Exception
{
    public InfluxStoreException(string message, int? statusCode, bool transient, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        IsTransient = transient;
    }

    /// <summary>The HTTP status InfluxDB answered with; null when no answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>True when trying again later may succeed (server down, overloaded, timed out).</summary>
    public bool IsTransient { get; }
}
