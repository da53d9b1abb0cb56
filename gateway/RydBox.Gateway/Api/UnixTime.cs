using System.Globalization;

namespace RydBox.Gateway.Api;

/// <summary>The API's times: unix milliseconds inside, UTC <see cref="DateTime"/> (ISO 8601 with Z) outside.</summary>
internal static class UnixTime
{
    public static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    public static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static DateTime ToUtc(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs);

    /// <summary>2025-03-01T10:00:00.000Z: fixed width, sorts as text, what CSV cells and messages carry.</summary>
    public static string Format(long unixMs) =>
        ToUtc(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
