namespace RydBox.Contract;

/// <summary>The limits every v1 decoder enforces (WIRE-FORMAT.md, "Limits"); beyond them: <see cref="WireError.Oversized"/>.</summary>
public static class WireLimits
{
    /// <summary>Largest payload of any kind.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Rows in one telemetry batch: the presence mask is 64 bits.</summary>
    public const int MaxRows = 64;

    /// <summary>Signal columns in one telemetry batch.</summary>
    public const int MaxColumns = 256;

    /// <summary>Bytes of any text (event detail, firmware version, error, result text).</summary>
    public const int MaxTextBytes = 256;

    /// <summary>Entries in an acknowledgement's result, and texts in one result list.</summary>
    public const int MaxResultEntries = 64;

    /// <summary>CBOR nesting; v1 payloads need three levels.</summary>
    public const int MaxDepth = 8;
}
