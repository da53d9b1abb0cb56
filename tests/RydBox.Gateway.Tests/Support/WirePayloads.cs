using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Gateway.Tests.Support;

/// <summary>Real box payloads, made with the firmware core's own encoders.</summary>
public static class WirePayloads
{
    public const int LatitudeE7 = 481_371_540;
    public const int LongitudeE7 = 115_761_240;

    public static readonly int EngineRpm = SignalIds.ForPid(0x0C, 0);
    public static readonly int VehicleSpeed = SignalIds.ForPid(0x0D, 0);

    /// <summary>
    /// A batch of <paramref name="rows"/> rows one second apart from <paramref name="start"/>: latitude
    /// and longitude moving north, engine rpm (raw) and vehicle speed (km/h) in every row.
    /// </summary>
    public static byte[] Telemetry(long sequence, DateTimeOffset start, int rows = 3, int latitudeE7 = LatitudeE7, int longitudeE7 = LongitudeE7, int rpmRaw = 8000, int speed = 50)
    {
        var batch = new TelemetryBatch(Math.Max(rows, 1), 8);
        long t0 = start.ToUnixTimeMilliseconds();
        for (int row = 0; row < rows; row++)
        {
            batch.BeginRow(t0 + (row * 1000L));
            batch.Set(SignalIds.Latitude, latitudeE7 + (row * 100L));
            batch.Set(SignalIds.Longitude, longitudeE7);
            batch.Set(EngineRpm, rpmRaw + (row * 4L));
            batch.Set(VehicleSpeed, speed + row);
        }

        return Cut(new TelemetryEncoder().Encode, batch, sequence);
    }

    public static byte[] Event(long sequence, BoxEventType type, DateTimeOffset time, string? detail = null, long value = 0, bool withPosition = true)
    {
        var e = new BoxEvent
        {
            Type = type,
            UnixMilliseconds = time.ToUnixTimeMilliseconds(),
            HasPosition = withPosition,
            LatitudeE7 = LatitudeE7,
            LongitudeE7 = LongitudeE7,
            Value = value,
            Detail = detail,
        };
        return Cut(new EventEncoder().Encode, e, sequence);
    }

    /// <summary>The online status a box publishes, retained, once connected.</summary>
    public static byte[] Online(string firmware = "1.2.0", string? vin = "WVWZZZ1JZXW000001", DateTimeOffset? time = null, params int[] pids)
    {
        var status = new BoxStatus
        {
            Online = true,
            FirmwareVersion = firmware,
            Vin = vin,
            Protocol = "ISO 15765-4 (CAN 11/500)",
            HasTime = time is not null,
            UnixMilliseconds = time?.ToUnixTimeMilliseconds() ?? 0,
        };
        foreach (int pid in pids.Length == 0 ? [0x00, 0x0C, 0x0D] : pids)
        {
            status.SetSupported(pid);
        }

        var buffer = new byte[1024];
        return buffer[..Checked(new StatusEncoder().Encode(status, buffer))];
    }

    /// <summary>The text "offline" in CBOR: the box's last will and its goodbye.</summary>
    public static byte[] Offline()
    {
        var buffer = new byte[64];
        return buffer[..Checked(new StatusEncoder().EncodeOffline(buffer))];
    }

    private static byte[] Cut<T>(Func<T, long, byte[], int> encode, T message, long sequence)
    {
        var buffer = new byte[64 * 1024];
        return buffer[..Checked(encode(message, sequence, buffer))];
    }

    private static int Checked(int length) =>
        length > 0 ? length : throw new InvalidOperationException($"the encoder refused the message ({length})");
}
