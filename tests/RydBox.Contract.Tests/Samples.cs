using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

/// <summary>Small, fixed payloads made by the box's own encoders: the golden vectors and the seeds of the fuzz.</summary>
internal static class Samples
{
    public const long BaseTime = 1_715_671_800_000; // 2024-05-14 07:30:00 UTC

    public static readonly int Speed = SignalIds.ForPid(0x0D, 0);
    public static readonly int Rpm = SignalIds.ForPid(0x0C, 0);

    /// <summary>Three rows: latitude in every row (a straight track), rpm in every row, vehicle speed in rows 0 and 2.</summary>
    public static TelemetryBatch Batch()
    {
        var batch = new TelemetryBatch(10, 8);
        batch.BeginRow(BaseTime);
        batch.Set(SignalIds.Latitude, 481_371_540);
        batch.Set(Rpm, 8000);
        batch.Set(Speed, 50);
        batch.BeginRow(BaseTime + 1000);
        batch.Set(SignalIds.Latitude, 481_371_660);
        batch.Set(Rpm, 8012);
        batch.BeginRow(BaseTime + 2003);
        batch.Set(SignalIds.Latitude, 481_371_780);
        batch.Set(Rpm, 8012);
        batch.Set(Speed, 52);
        return batch;
    }

    public static byte[] BatchPayload()
    {
        var buffer = new byte[4096];
        return Cut(buffer, new TelemetryEncoder().Encode(Batch(), 42, buffer));
    }

    public static BoxEvent Event(BoxEventType type)
    {
        var e = new BoxEvent { Type = type, UnixMilliseconds = BaseTime + 5000 };
        switch (type)
        {
            case BoxEventType.DtcSet or BoxEventType.DtcCleared:
                e.Detail = "P0301";
                break;
            case BoxEventType.LowBattery or BoxEventType.PowerLoss:
                e.Value = 11_650;
                break;
            case BoxEventType.Reboot:
                e.Detail = "brownout";
                break;
            case BoxEventType.OutboxDropped:
                e.Value = 17;
                break;
        }

        if (type is not (BoxEventType.GnssFixLost or BoxEventType.Reboot or BoxEventType.PowerLoss or BoxEventType.OutboxDropped))
        {
            e.HasPosition = true;
            e.LatitudeE7 = 481_371_540;
            e.LongitudeE7 = 115_761_240;
        }

        return e;
    }

    public static byte[] EventPayload(BoxEventType type)
    {
        var buffer = new byte[4096];
        return Cut(buffer, new EventEncoder().Encode(Event(type), 43, buffer));
    }

    public static BoxStatus Status(bool online)
    {
        var status = new BoxStatus
        {
            Online = online,
            FirmwareVersion = "1.2.0",
            Vin = "WVWZZZ1JZXW000001",
            Protocol = "ISO 15765-4 (CAN 11/500)",
            HasTime = online,
            UnixMilliseconds = BaseTime,
        };
        foreach (int pid in new[] { 0x00, 0x04, 0x05, 0x0C, 0x0D, 0x0F, 0x10, 0x11, 0x20, 0x2F, 0x40, 0x42, 0x46 })
        {
            status.SetSupported(pid);
        }

        return status;
    }

    public static byte[] StatusPayload(bool online)
    {
        var buffer = new byte[4096];
        return Cut(buffer, new StatusEncoder().Encode(Status(online), buffer));
    }

    /// <summary>An acknowledgement of read_dtcs: two codes, a count and the protocol.</summary>
    public static byte[] AckPayload()
    {
        var buffer = new byte[4096];
        var acks = new CommandAckEncoder();
        acks.Begin(buffer, 7, true, null);
        acks.BeginList("dtcs");
        acks.AddListItem("P0301");
        acks.AddListItem("P0420");
        acks.EndList();
        acks.AddInt("count", 2);
        acks.AddText("ecu", "7E8");
        return Cut(buffer, acks.Finish());
    }

    public static byte[] CommandPayload() =>
        CommandEncoder.Encode(7, CommandNames.SetConfig, CommandArgument.Of("interval_ms", 1000), CommandArgument.Of("apn", "iot.example"), CommandArgument.Of("gnss", true));

    /// <summary>The encoded bytes; an encoder's failure code fails the test that asked.</summary>
    public static byte[] Cut(byte[] buffer, int length) =>
        length > 0 ? buffer[..length] : throw new InvalidOperationException($"encoder returned {length}");
}
