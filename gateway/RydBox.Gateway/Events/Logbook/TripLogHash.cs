using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RydBox.Gateway.Events.Logbook;

/// <summary>
/// The trip log's hash recipe, kept small so an auditor can re-implement it (README.md has a worked
/// example). A row's hash is the lowercase hex SHA-256 of these bytes, one field after the other:
/// <code>
/// field("rydbox-trip-log/1") field(previous_hash) field(device_id) field(trip_key) field(change)
/// field(purpose) field(note) field(body) field(actor) field(at_ms as decimal digits)
/// field(text) = decimal byte length of UTF-8(text) ":" UTF-8(text) ","     e.g. "5:box-1,"
/// field(NULL) = "~,"
/// </code>
/// <c>previous_hash</c> is the hash of the same device's row before it (by id), or
/// <see cref="Genesis"/> for a device's first row. Lengths make every field boundary unambiguous,
/// so no two different rows share their bytes; "~" (never a digit) tells NULL from the empty text.
/// </summary>
public static class TripLogHash
{
    /// <summary>The previous hash of a device's first row: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Names the recipe inside the hashed bytes, so a future recipe can never collide with this one.</summary>
    public const string Version = "rydbox-trip-log/1";

    // Strict: a string that is not valid UTF-16 (a lone surrogate) would otherwise hash as U+FFFD,
    // the same bytes as a different text.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The hash a row with <paramref name="entry"/>'s fields and <paramref name="previousHash"/> must carry.</summary>
    /// <exception cref="ArgumentException">A field is not valid Unicode text.</exception>
    public static string Compute(TripLogEntry entry, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(entry, previousHash)));

    /// <summary>The bytes <see cref="Compute"/> hashes (public so tests and tools can show them).</summary>
    public static byte[] Canonical(TripLogEntry entry, string previousHash)
    {
        var bytes = new List<byte>(256 + entry.BodyJson.Length);
        Field(bytes, Version);
        Field(bytes, previousHash);
        Field(bytes, entry.DeviceId);
        Field(bytes, entry.TripKey);
        Field(bytes, entry.Change);
        Field(bytes, entry.Purpose);
        Field(bytes, entry.Note);
        Field(bytes, entry.BodyJson);
        Field(bytes, entry.Actor);
        Field(bytes, entry.AtUnixMs.ToString(CultureInfo.InvariantCulture));
        return [.. bytes];
    }

    private static void Field(List<byte> bytes, string? text)
    {
        if (text is null)
        {
            bytes.Add((byte)'~');
            bytes.Add((byte)',');
            return;
        }

        byte[] utf8;
        try
        {
            utf8 = Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException error)
        {
            throw new ArgumentException("a trip log field is not valid Unicode text", error);
        }

        bytes.AddRange(Encoding.ASCII.GetBytes(utf8.Length.ToString(CultureInfo.InvariantCulture)));
        bytes.Add((byte)':');
        bytes.AddRange(utf8);
        bytes.Add((byte)',');
    }
}
