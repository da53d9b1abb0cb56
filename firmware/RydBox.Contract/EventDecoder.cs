using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>Decodes a v1 event payload (WIRE-FORMAT.md, "Event").</summary>
public static class EventDecoder
{
    private const string What = "event";

    /// <exception cref="WireFormatException">For any payload that is not a valid v1 event.</exception>
    public static EventMessage Decode(ReadOnlyMemory<byte> payload) => WireReader.Decode(payload, What, Read);

    private static EventMessage Read(WireReader r)
    {
        long? sequence = null;
        long? type = null;
        long? time = null;
        long? latitude = null;
        long? longitude = null;
        long value = 0;
        string? detail = null;
        r.ReadPayload(What, key =>
        {
            switch (key)
            {
                case WireKeys.Sequence:
                    sequence = r.Int(What + ".sequence", 0, long.MaxValue);
                    return true;
                case EventKeys.Type:
                    type = r.Int(What + ".type", 1, int.MaxValue);
                    return true;
                case EventKeys.Time:
                    time = r.Int(What + ".time", TelemetryDecoder.MinUnixMilliseconds, TelemetryDecoder.MaxUnixMilliseconds);
                    return true;
                case EventKeys.LatitudeE7:
                    latitude = r.Int(What + ".latitude", -900_000_000, 900_000_000);
                    return true;
                case EventKeys.LongitudeE7:
                    longitude = r.Int(What + ".longitude", -1_800_000_000, 1_800_000_000);
                    return true;
                case EventKeys.Value:
                    value = r.Int(What + ".value");
                    return true;
                case EventKeys.Detail:
                    detail = r.Text(What + ".detail");
                    return true;
                default:
                    return false;
            }
        });

        if (sequence is null || type is null || time is null)
        {
            throw WireReader.Missing(What + (sequence is null ? ".sequence" : type is null ? ".type" : ".time"));
        }

        if (latitude.HasValue != longitude.HasValue)
        {
            throw WireReader.Missing(What + (latitude is null ? ".latitude" : ".longitude"));
        }

        GeoPoint? position = latitude is null ? null : new GeoPoint((int)latitude.Value, (int)longitude!.Value);
        return new EventMessage(WireVersion.Current, sequence.Value, (BoxEventType)type.Value, time.Value, position, value, detail);
    }
}
