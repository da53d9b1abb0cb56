using System.Buffers.Binary;
using System.Numerics;
using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>
/// Reads a telemetry batch in the form boxes write it — a map of exactly the five v1 entries in
/// key order (version, sequence, time, steps, groups) with every CBOR head in its shortest form —
/// straight from the bytes, in one pass, without System.Formats.Cbor and with a handful of
/// allocations. It accepts only what the general reader (<see cref="TelemetryDecoder.DecodeGenerally"/>)
/// accepts, and builds the same message from it; on anything else — an error, an unknown entry, a
/// longer head than needed — it returns null without saying why, and the general reader decides
/// and names the error. It never throws.
/// </summary>
internal static class TelemetryFastPath
{
    private const int MajorUnsigned = 0;
    private const int MajorNegative = 1;
    private const int MajorArray = 4;

    /// <summary>Scratch for the values and their rows while their number is not known yet; one per thread.</summary>
    [ThreadStatic]
    private static long[]? t_raw;

    [ThreadStatic]
    private static int[]? t_rows;

    public static TelemetryMessage? TryDecode(ReadOnlySpan<byte> data)
    {
        // {0: 1, 1: sequence, 2: time, 3: [steps], 4: [groups]}: A5 00 01, then keys 1 to 4 one byte each.
        if (data.Length < 8 || data.Length > WireLimits.MaxMessageBytes || data[0] != 0xA5 || data[1] != 0x00 || data[2] != 0x01)
        {
            return null;
        }

        int pos = 3;
        if (!Key(data, ref pos, WireKeys.Sequence)
            || !Head(data, ref pos, out int major, out ulong argument) || major != MajorUnsigned || argument > long.MaxValue)
        {
            return null;
        }

        long sequence = (long)argument;
        if (!Key(data, ref pos, TelemetryKeys.BaseTime) || !Int(data, ref pos, out long baseTime)
            || baseTime < TelemetryDecoder.MinUnixMilliseconds || baseTime > TelemetryDecoder.MaxUnixMilliseconds)
        {
            return null;
        }

        long[]? times = Key(data, ref pos, TelemetryKeys.TimeSteps) ? Times(data, ref pos, baseTime) : null;
        if (times is null || !Key(data, ref pos, TelemetryKeys.Groups))
        {
            return null;
        }

        TelemetryRows? rows = Groups(data, ref pos, times);
        return rows is not null && pos == data.Length ? new TelemetryMessage(WireVersion.Current, sequence, rows) : null;
    }

    /// <summary>The map key <paramref name="key"/> (0–23: one byte, the key itself).</summary>
    private static bool Key(ReadOnlySpan<byte> data, ref int pos, int key)
    {
        if (pos >= data.Length || data[pos] != key)
        {
            return false;
        }

        pos++;
        return true;
    }

    /// <summary>The steps array and the row times from it; null unless every time is later than the one before and within range.</summary>
    private static long[]? Times(ReadOnlySpan<byte> data, ref int pos, long baseTime)
    {
        if (!Head(data, ref pos, out int major, out ulong count) || major != MajorArray || count + 1 > WireLimits.MaxRows)
        {
            return null;
        }

        var times = new long[(int)count + 1];
        times[0] = baseTime;
        Int128 time = baseTime;
        Int128 step = 0;
        for (int i = 1; i < times.Length; i++)
        {
            if (!Int(data, ref pos, out long s))
            {
                return null;
            }

            step += s;
            time += step;
            if (step <= 0 || time > TelemetryDecoder.MaxUnixMilliseconds)
            {
                return null;
            }

            times[i] = (long)time;
        }

        return times;
    }

    private static TelemetryRows? Groups(ReadOnlySpan<byte> data, ref int pos, long[] times)
    {
        if (!Head(data, ref pos, out int major, out ulong groups) || major != MajorArray)
        {
            return null;
        }

        int rowCount = times.Length;
        ulong allRows = rowCount == 64 ? ulong.MaxValue : (1UL << rowCount) - 1;
        Span<int> signals = stackalloc int[WireLimits.MaxColumns];
        Span<int> offsets = stackalloc int[WireLimits.MaxColumns + 1];
        offsets[0] = 0;
        int columns = 0;
        int total = 0;
        long[] raw = t_raw ??= new long[1024];
        int[] rowOf = t_rows ??= new int[1024];
        for (ulong g = 0; g < groups; g++)
        {
            if (!Head(data, ref pos, out major, out ulong length) || major != MajorArray || length < 1
                || !Head(data, ref pos, out major, out ulong mask) || major != MajorUnsigned)
            {
                return null;
            }

            ulong presence = mask == 0 ? allRows : mask;
            if ((presence & ~allRows) != 0)
            {
                return null;
            }

            int present = BitOperations.PopCount(presence);
            for (ulong c = 1; c < length; c++)
            {
                if (columns == WireLimits.MaxColumns
                    || !Head(data, ref pos, out major, out ulong columnLength) || major != MajorArray || columnLength < 1
                    || !Head(data, ref pos, out int signalMajor, out ulong id) || signalMajor > MajorNegative || id < 1 || id > int.MaxValue
                    || columnLength - 1 > (ulong)present)
                {
                    return null;
                }

                int signalId = (int)id;
                if (signals[..columns].Contains(signalId))
                {
                    return null;
                }

                if (total + present > raw.Length)
                {
                    int size = Math.Max(raw.Length * 2, total + present);
                    Array.Resize(ref raw, size);
                    Array.Resize(ref rowOf, size);
                    t_raw = raw;
                    t_rows = rowOf;
                }

                // The signal's sign carries the predictor (WIRE-FORMAT.md, "Columns and predictors").
                bool linear = signalMajor == MajorNegative;
                int residuals = (int)(columnLength - 1);
                long previous = 0;
                long beforePrevious = 0;
                int index = 0;
                ulong left = presence;
                while (left != 0)
                {
                    int row = BitOperations.TrailingZeroCount(left);
                    left &= left - 1;
                    long residual = 0;
                    if (index < residuals && !Int(data, ref pos, out residual))
                    {
                        return null;
                    }

                    long prediction = index == 0 ? 0 : !linear || index == 1 ? previous : unchecked((2 * previous) - beforePrevious);
                    long value = unchecked(residual + prediction);
                    raw[total] = value;
                    rowOf[total++] = row;
                    beforePrevious = previous;
                    previous = value;
                    index++;
                }

                signals[columns] = signalId;
                offsets[++columns] = total;
            }
        }

        var values = raw.AsSpan(0, total).ToArray();
        var valueRows = rowOf.AsSpan(0, total).ToArray();
        var decoded = new TelemetryColumn[columns];
        for (int c = 0; c < columns; c++)
        {
            decoded[c] = new TelemetryColumn(signals[c], values, valueRows, offsets[c], offsets[c + 1] - offsets[c]);
        }

        return new TelemetryRows(times, decoded);
    }

    /// <summary>A 64-bit signed integer (major type 0 or 1), as System.Formats.Cbor's ReadInt64 reads it; false beyond that range.</summary>
    private static bool Int(ReadOnlySpan<byte> data, ref int pos, out long value)
    {
        value = 0;
        if (!Head(data, ref pos, out int major, out ulong argument) || major > MajorNegative || argument > long.MaxValue)
        {
            return false;
        }

        value = major == MajorUnsigned ? (long)argument : -1 - (long)argument;
        return true;
    }

    /// <summary>
    /// One CBOR head in its shortest form; false for anything else (indefinite or reserved lengths,
    /// a longer form than needed, the end of the data, or an array count the bytes left cannot hold).
    /// </summary>
    private static bool Head(ReadOnlySpan<byte> data, ref int pos, out int major, out ulong argument)
    {
        argument = 0;
        major = 0;
        if ((uint)pos >= (uint)data.Length)
        {
            return false;
        }

        int head = data[pos++];
        major = head >> 5;
        int info = head & 0x1F;
        if (info < 24)
        {
            argument = (ulong)info;
        }
        else
        {
            int left = data.Length - pos;
            switch (info)
            {
                case 24 when left >= 1:
                    argument = data[pos];
                    pos += 1;
                    if (argument < 24)
                    {
                        return false;
                    }

                    break;
                case 25 when left >= 2:
                    argument = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
                    pos += 2;
                    if (argument <= byte.MaxValue)
                    {
                        return false;
                    }

                    break;
                case 26 when left >= 4:
                    argument = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
                    pos += 4;
                    if (argument <= ushort.MaxValue)
                    {
                        return false;
                    }

                    break;
                case 27 when left >= 8:
                    argument = BinaryPrimitives.ReadUInt64BigEndian(data[pos..]);
                    pos += 8;
                    if (argument <= uint.MaxValue)
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        // Every array item takes a byte at least.
        return major != MajorArray || argument <= (ulong)(data.Length - pos);
    }
}
