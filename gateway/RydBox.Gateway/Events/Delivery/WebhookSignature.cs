using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// The signature of a webhook delivery: <c>X-RydBox-Signature: sha256=&lt;hex&gt;</c>, the lower-case hex
/// HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes), of "{X-RydBox-Timestamp}.{body}"
/// (the timestamp in unix seconds as sent, a '.', the raw body bytes). Receivers check it with
/// <see cref="Verify"/>: the signature proves the sender knows the secret and nothing was changed; the
/// signed timestamp within a tolerance stops an old delivery from being replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-RydBox-Signature";
    public const string TimestampHeader = "X-RydBox-Timestamp";
    public const string DeliveryHeader = "X-RydBox-Delivery";
    public const string Scheme = "sha256=";

    /// <summary>Default largest difference between the signed timestamp and the receiver's clock: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>"sha256=" and the hex HMAC of "{timestamp}.{body}".</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Mac(secret, unixSeconds.ToString(CultureInfo.InvariantCulture), body));

    /// <summary>
    /// True when <paramref name="signatureHeader"/> is the signature of <paramref name="body"/> at
    /// <paramref name="timestampHeader"/> with <paramref name="secret"/> (compared in constant time), and the
    /// timestamp is within <paramref name="tolerance"/> (default 5 min) of <paramref name="now"/>.
    /// Replays inside the tolerance carry the same X-RydBox-Delivery id: receivers that must never act twice
    /// remember the ids they handled for at least the tolerance.
    /// </summary>
    public static bool Verify(string secret, string? signatureHeader, string? timestampHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(secret) || signatureHeader is null || timestampHeader is null
            || !signatureHeader.StartsWith(Scheme, StringComparison.Ordinal)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return false;
        }

        long skew = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        if (skew > (long)(tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signatureHeader.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] expected = Mac(secret, timestampHeader, body);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
