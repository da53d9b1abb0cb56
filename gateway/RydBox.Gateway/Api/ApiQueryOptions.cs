namespace RydBox.Gateway.Api;

/// <summary>
/// Limits of the query API, bound from "RydBox:Api:Query" (not part of GatewayOptions: the API's own
/// sub-section). A request beyond them is answered 400 with the limit it crossed, never truncated silently.
/// </summary>
public sealed class ApiQueryOptions
{
    public const string Section = "RydBox:Api:Query";

    /// <summary>Rows one answer may hold: raw samples, downsampled buckets, track points or events.</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Longest from..to range a request may span.</summary>
    public int MaxRangeDays { get; set; } = 31;

    /// <summary>Range when a request names neither from nor to (ending now).</summary>
    public int DefaultRangeHours { get; set; } = 24;
}
