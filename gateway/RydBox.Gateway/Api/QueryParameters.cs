using System.Globalization;

namespace RydBox.Gateway.Api;

/// <summary>Parses the query string values every endpoint shares; each failure names the parameter and the accepted forms.</summary>
internal static class QueryParameters
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>An ISO 8601 time (2025-03-01T10:00:00Z; no offset means UTC; a date alone is midnight UTC) or unix milliseconds.</summary>
    public static long ParseTime(string parameter, string value)
    {
        string text = value.Trim();
        if (text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '-') && text.LastIndexOf('-') <= 0)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long unixMs)
                && unixMs >= UnixTime.MinMilliseconds && unixMs <= UnixTime.MaxMilliseconds)
            {
                return unixMs;
            }

            throw new BadParameterException(parameter, $"'{value}' is outside the unix milliseconds a time can hold");
        }

        // An unescaped '+' in a query string arrives as a space: "10:00:00+01:00" becomes "10:00:00 01:00".
        foreach (string candidate in new[] { text, text.Replace(' ', '+') })
        {
            if (DateTimeOffset.TryParseExact(candidate, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
            {
                return time.ToUnixTimeMilliseconds();
            }
        }

        throw new BadParameterException(parameter, $"'{value}' is neither an ISO 8601 time (e.g. 2025-03-01T10:00:00Z) nor unix milliseconds");
    }

    /// <summary>from ≤ t &lt; to. Missing to is now; missing from is to minus the default range.</summary>
    public static TimeRange ParseRange(string? from, string? to, ApiQueryOptions limits, DateTimeOffset now)
    {
        long toMs = string.IsNullOrWhiteSpace(to) ? now.ToUnixTimeMilliseconds() : ParseTime("to", to);
        long fromMs = string.IsNullOrWhiteSpace(from) ? toMs - (long)TimeSpan.FromHours(limits.DefaultRangeHours).TotalMilliseconds : ParseTime("from", from);
        if (fromMs >= toMs)
        {
            throw new BadParameterException("from", $"from ({UnixTime.Format(fromMs)}) must be before to ({UnixTime.Format(toMs)})");
        }

        long maxMs = (long)TimeSpan.FromDays(limits.MaxRangeDays).TotalMilliseconds;
        if (toMs - fromMs > maxMs)
        {
            throw new BadParameterException("from", $"the range from {UnixTime.Format(fromMs)} to {UnixTime.Format(toMs)} is longer than the limit of {limits.MaxRangeDays} days; ask for several shorter ranges");
        }

        return new TimeRange(fromMs, toMs);
    }

    /// <summary>A bucket width: a positive number with a unit ms, s, m, h or d (e.g. 10s, 1m, 15m, 1h).</summary>
    public static long ParseEvery(string value)
    {
        string text = value.Trim().ToLowerInvariant();
        (string unit, long factor) = text.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1L)
            : text.EndsWith('s') ? ("s", 1000L)
            : text.EndsWith('m') ? ("m", 60_000L)
            : text.EndsWith('h') ? ("h", 3_600_000L)
            : text.EndsWith('d') ? ("d", 86_400_000L)
            : ("", 0L);
        if (factor > 0
            && long.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            && count > 0 && count <= 366L * 86_400_000L / factor)
        {
            return count * factor;
        }

        throw new BadParameterException("every", $"'{value}' is not a bucket width; use a positive whole number with ms, s, m, h or d (e.g. 10s, 1m, 1h)");
    }

    public static Aggregation ParseAggregation(string value) => value.Trim().ToLowerInvariant() switch
    {
        "mean" or "avg" => Aggregation.Mean,
        "min" => Aggregation.Min,
        "max" => Aggregation.Max,
        "last" => Aggregation.Last,
        _ => throw new BadParameterException("agg", $"'{value}' is not an aggregation; use mean, min, max or last"),
    };

    /// <summary>format=json|csv wins; otherwise an Accept header naming text/csv asks for CSV.</summary>
    public static bool WantsCsv(string? format, HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Trim().ToLowerInvariant() switch
            {
                "csv" => true,
                "json" => false,
                _ => throw new BadParameterException("format", $"'{format}' is not a format; use json or csv"),
            };
        }

        return request.Headers.Accept.Any(accept => accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
    }

    public static int ParseLimit(string? value, int fallback, int maximum)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int limit) && limit >= 1 && limit <= maximum)
        {
            return limit;
        }

        throw new BadParameterException("limit", $"'{value}' is not a whole number from 1 to {maximum}");
    }

    public static long? ParseOptionalId(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return id;
        }

        throw new BadParameterException(parameter, $"'{value}' is not a record id (a whole number)");
    }
}

/// <summary>from ≤ t &lt; to in unix milliseconds.</summary>
public readonly record struct TimeRange(long FromMs, long ToMs);

public enum Aggregation
{
    Mean,
    Min,
    Max,
    Last,
}
