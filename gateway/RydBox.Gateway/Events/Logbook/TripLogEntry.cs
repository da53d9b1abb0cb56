namespace RydBox.Gateway.Events.Logbook;

/// <summary>
/// One row to append to a device's trip log. <paramref name="BodyJson"/> is the trip as it stood after
/// the change (<c>EventJson.Serialize</c> of the <c>TripEvent</c>); <paramref name="Purpose"/> and
/// <paramref name="Note"/> are set on <see cref="TripLogChanges.Classified"/> rows only;
/// <paramref name="Actor"/> is "gateway" for the processor's rows, who classified otherwise.
/// </summary>
public sealed record TripLogEntry(string DeviceId, string TripKey, string Change, string? Purpose, string? Note, string BodyJson, string Actor, long AtUnixMs);

/// <summary>A stored row of the trip log: the entry, its place in the table and its chain hashes.</summary>
public sealed record TripLogRow(
    long Id,
    string DeviceId,
    string TripKey,
    string Change,
    string? Purpose,
    string? Note,
    string BodyJson,
    string Actor,
    long AtUnixMs,
    string PreviousHash,
    string Hash)
{
    public TripLogEntry Entry => new(DeviceId, TripKey, Change, Purpose, Note, BodyJson, Actor, AtUnixMs);
}
