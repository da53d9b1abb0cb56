namespace RydBox.Gateway.Events.Logbook;

/// <summary>
/// The outcome of <see cref="TripLog.Verify"/>: <see cref="Valid"/> when every row's hash and chain link
/// hold (and the anchor, if one was given, is in the chain). <see cref="Rows"/> and <see cref="HeadHash"/>
/// (the newest row's stored hash, <see cref="TripLogHash.Genesis"/> for an empty log) are what to note
/// outside the gateway as the next anchor.
/// </summary>
public sealed record TripLogVerification(
    string DeviceId,
    bool Valid,
    long Rows,
    long? HeadId,
    string HeadHash,
    BrokenTripLogRow? FirstBroken,
    TripLogAnchor? Anchor);

/// <summary>The first row that breaks the chain: <see cref="Reason"/> is one of <see cref="TripLogBreaks"/>.</summary>
public sealed record BrokenTripLogRow(long Id, string TripKey, string Reason, string Detail);

/// <summary>A head hash noted earlier, looked up in today's chain: <see cref="Row"/> is its position (1-based) among the device's rows.</summary>
public sealed record TripLogAnchor(string Hash, bool Found, long? Row, long? Id);

public static class TripLogBreaks
{
    /// <summary>The row's fields no longer give its stored hash: it was changed.</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>The row's previous_hash is not the hash of the device's row before it: a row was removed, or changed and re-hashed.</summary>
    public const string PreviousHashMismatch = "previous_hash_mismatch";
}
