using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>Decodes a v1 status payload (WIRE-FORMAT.md, "Status").</summary>
public static class StatusDecoder
{
    private const string What = "status";

    /// <exception cref="WireFormatException">For any payload that is not a valid v1 status.</exception>
    public static StatusMessage Decode(ReadOnlyMemory<byte> payload) =>
        payload.Span.SequenceEqual(OfflinePayload) ? Offline : WireReader.Decode(payload, What, Read);

    /// <summary>The CBOR text "offline": what a box's last will and its clean disconnect carry.</summary>
    /// <remarks>Head 0x67 (text, 7 bytes) happens to be ASCII 'g'.</remarks>
    public static ReadOnlySpan<byte> OfflinePayload => "goffline"u8;

    private static readonly StatusMessage Offline = new(WireVersion.Current, false, "", null, null, null, []);

    private static StatusMessage Read(WireReader r)
    {
        bool? online = null;
        string? firmware = null;
        long? time = null;
        string? vin = null;
        string? protocol = null;
        byte[] bitmap = [];
        r.ReadPayload(What, key =>
        {
            switch (key)
            {
                case StatusKeys.Online:
                    online = r.Bool(What + ".online");
                    return true;
                case StatusKeys.FirmwareVersion:
                    firmware = r.Text(What + ".firmware", StatusEncoder.MaxTextBytes);
                    return true;
                case StatusKeys.Time:
                    time = r.Int(What + ".time", TelemetryDecoder.MinUnixMilliseconds, TelemetryDecoder.MaxUnixMilliseconds);
                    return true;
                case StatusKeys.Vin:
                    vin = r.Text(What + ".vin", StatusEncoder.MaxTextBytes);
                    return true;
                case StatusKeys.Protocol:
                    protocol = r.Text(What + ".protocol", StatusEncoder.MaxTextBytes);
                    return true;
                case StatusKeys.SupportedPids:
                    bitmap = r.Bytes(What + ".pids", BoxStatus.SupportedPidBytes);
                    return true;
                default:
                    return false;
            }
        });

        if (online is null || firmware is null)
        {
            throw WireReader.Missing(What + (online is null ? ".online" : ".firmware"));
        }

        return new StatusMessage(WireVersion.Current, online.Value, firmware, time, vin, protocol, Pids(bitmap));
    }

    /// <summary>Bit for PID p: byte p / 8, mask 0x80 >> (p % 8).</summary>
    private static int[] Pids(byte[] bitmap)
    {
        var pids = new List<int>();
        for (int pid = 0; pid < bitmap.Length * 8; pid++)
        {
            if ((bitmap[pid >> 3] & (0x80 >> (pid & 7))) != 0)
            {
                pids.Add(pid);
            }
        }

        return pids.ToArray();
    }
}
