using RydBox.Firmware.Events;

namespace RydBox.Contract;

/// <summary>A decoded on-box event. <see cref="Type"/> may be a code this library does not name (a newer box); see <see cref="IsKnownType"/>.</summary>
public sealed record EventMessage(
    int Version,
    long Sequence,
    BoxEventType Type,
    long UnixMilliseconds,
    GeoPoint? Position,
    long Value,
    string? Detail)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds);

    public bool IsKnownType => Enum.IsDefined(Type);
}

/// <summary>A WGS 84 position in the wire's fixed point (degrees × 10^7).</summary>
public sealed record GeoPoint(int LatitudeE7, int LongitudeE7)
{
    public double Latitude => LatitudeE7 / 1e7;

    public double Longitude => LongitudeE7 / 1e7;
}
