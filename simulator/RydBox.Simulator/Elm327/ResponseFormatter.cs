using System.Globalization;
using RydBox.Firmware.Can;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// Prints received frames the way an ELM327 does on ISO 15765-4. With CAN auto formatting (CAF1,
/// the default) unused trailing bytes are dropped; without headers the PCI bytes go too, and a
/// multi-frame message prints as its length (3 hex digits) then "0:", "1:" … lines; with headers
/// (H1) each frame shows its id and PCI bytes. CAF0 prints every byte as received.
/// </summary>
internal sealed class ResponseFormatter(Elm327Settings settings)
{
    /// <summary>Bytes still owed by each ECU's multi-frame message, to trim its last frame.</summary>
    private readonly Dictionary<uint, int> _remaining = [];

    public IEnumerable<string> Format(ReceivedFrame frame)
    {
        if (!settings.CanAutoFormatting)
        {
            return [Line(frame, frame.Data)];
        }

        byte[] data = frame.Data;
        int kind = frame.Kind;
        if (kind == IsoTpFrame.SingleFrame)
        {
            int length = data[0] & 0x0F;
            return length == 0 || length > data.Length - 1
                ? []
                : [settings.Headers ? Line(frame, data[..(1 + length)]) : Hex(data.AsSpan(1, length))];
        }

        if (kind == IsoTpFrame.FirstFrame && data.Length == IsoTpFrame.SingleFrameCapacity + 1)
        {
            int total = ((data[0] & 0x0F) << 8) | data[1];
            _remaining[frame.Id] = total - IsoTpFrame.FirstFrameCapacity;
            return settings.Headers
                ? [Line(frame, data)]
                : [total.ToString("X3", CultureInfo.InvariantCulture), Numbered(0, data.AsSpan(2))];
        }

        if (kind == IsoTpFrame.ConsecutiveFrame)
        {
            int owed = _remaining.GetValueOrDefault(frame.Id, IsoTpFrame.ConsecutiveFrameCapacity);
            int count = Math.Clamp(owed, 0, Math.Min(IsoTpFrame.ConsecutiveFrameCapacity, data.Length - 1));
            _remaining[frame.Id] = owed - count;
            return settings.Headers
                ? [Line(frame, data[..(1 + count)])]
                : [Numbered(data[0] & 0x0F, data.AsSpan(1, count))];
        }

        // Flow control and frames with invalid PCI bytes are not printed with formatting on.
        return [];
    }

    private string Numbered(int index, ReadOnlySpan<byte> bytes) =>
        index.ToString("X", CultureInfo.InvariantCulture) + ":" + (settings.Spaces ? " " : "") + Hex(bytes);

    /// <summary>Header (when on), data length (AT D1 with headers), then the bytes.</summary>
    private string Line(ReceivedFrame frame, ReadOnlySpan<byte> bytes)
    {
        if (!settings.Headers)
        {
            return Hex(bytes);
        }

        var parts = new List<string>();
        if (frame.IsExtended)
        {
            parts.Add(Hex([(byte)(frame.Id >> 24), (byte)(frame.Id >> 16), (byte)(frame.Id >> 8), (byte)frame.Id]));
        }
        else
        {
            parts.Add(frame.Id.ToString("X3", CultureInfo.InvariantCulture));
        }

        if (settings.ShowDataLength)
        {
            parts.Add(frame.Data.Length.ToString("X", CultureInfo.InvariantCulture));
        }

        if (!bytes.IsEmpty)
        {
            parts.Add(Hex(bytes));
        }

        return string.Join(settings.Spaces ? " " : "", parts);
    }

    private string Hex(ReadOnlySpan<byte> bytes)
    {
        var text = new List<string>(bytes.Length);
        foreach (byte b in bytes)
        {
            text.Add(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return string.Join(settings.Spaces ? " " : "", text);
    }
}
