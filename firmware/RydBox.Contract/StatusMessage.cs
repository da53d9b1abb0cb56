namespace RydBox.Contract;

/// <summary>
/// A decoded status. <see cref="UnixMilliseconds"/> is null in the last will (the broker sends it
/// at an unknown moment): use the time it arrived.
/// </summary>
public sealed record StatusMessage(
    int Version,
    bool Online,
    string FirmwareVersion,
    long? UnixMilliseconds,
    string? Vin,
    string? Protocol,
    IReadOnlyList<int> SupportedPids)
{
    public DateTimeOffset? Time => UnixMilliseconds is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
