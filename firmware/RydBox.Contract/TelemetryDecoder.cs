using System.Numerics;
using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>Decodes a v1 telemetry payload (WIRE-FORMAT.md, "Telemetry batch").</summary>
public static class TelemetryDecoder
{
    /// <summary>Earliest and latest times a sample may carry: what <see cref="DateTimeOffset"/> can hold.</summary>
    public static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    public static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private const string What = "telemetry";

    /// <exception cref="WireFormatException">For any payload that is not a valid v1 batch.</exception>
    /// <remarks>
    /// A batch as boxes write it (TelemetryEncoder: the five entries in key order, every head in its
    /// shortest form) is read by <see cref="TelemetryFastPath"/> straight from the bytes; anything
    /// else it is not sure of, valid or not, goes through the general reader, which names the error.
    /// Both give the same message for the same bytes.
    /// </remarks>
    public static TelemetryMessage Decode(ReadOnlyMemory<byte> payload) => TelemetryFastPath.TryDecode(payload.Span) ?? DecodeGenerally(payload);

    /// <summary>The general reader alone (System.Formats.Cbor): any payload, the error named. <see cref="Decode"/> without its fast path.</summary>
    internal static TelemetryMessage DecodeGenerally(ReadOnlyMemory<byte> payload) => WireReader.Decode(payload, What, Read);

    private static TelemetryMessage Read(WireReader r)
    {
        long? sequence = null;
        long? baseTime = null;
        long[]? steps = null;
        List<Column>? columns = null;
        r.ReadPayload(What, key =>
        {
            switch (key)
            {
                case WireKeys.Sequence:
                    sequence = r.Int(What + ".sequence", 0, long.MaxValue);
                    return true;
                case TelemetryKeys.BaseTime:
                    baseTime = r.Int(What + ".time", MinUnixMilliseconds, MaxUnixMilliseconds);
                    return true;
                case TelemetryKeys.TimeSteps:
                    steps = ReadSteps(r);
                    return true;
                case TelemetryKeys.Groups:
                    columns = ReadGroups(r);
                    return true;
                default:
                    return false;
            }
        });

        if (sequence is null || baseTime is null || steps is null || columns is null)
        {
            throw WireReader.Missing(What + (sequence is null ? ".sequence" : baseTime is null ? ".time" : steps is null ? ".steps" : ".groups"));
        }

        long[] times = RowTimes(baseTime.Value, steps);
        return new TelemetryMessage(WireVersion.Current, sequence.Value, Rows(times, columns));
    }

    private static long[] ReadSteps(WireReader r)
    {
        const string path = What + ".steps";
        int count = r.ArrayHeader(path);
        if (count + 1 > WireLimits.MaxRows)
        {
            throw new WireFormatException(WireError.Oversized, $"{path}: {count + 1} rows, more than {WireLimits.MaxRows}");
        }

        var steps = new long[count];
        for (int i = 0; i < count; i++)
        {
            steps[i] = r.Int($"{path}[{i}]");
        }

        r.EndArray();
        return steps;
    }

    /// <summary>First step, then steps of steps; exact (no wrapping), so times must increase and stay in range.</summary>
    private static long[] RowTimes(long baseTime, long[] steps)
    {
        var times = new long[steps.Length + 1];
        times[0] = baseTime;
        BigInteger time = baseTime;
        BigInteger step = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            step += steps[i];
            time += step;
            if (step <= 0)
            {
                throw WireReader.Invalid($"{What}.steps[{i}]", $"row {i + 1} is not later than row {i}");
            }

            if (time > MaxUnixMilliseconds)
            {
                throw WireReader.Invalid($"{What}.steps[{i}]", $"row {i + 1} lies beyond the year 9999");
            }

            times[i + 1] = (long)time;
        }

        return times;
    }

    private static List<Column> ReadGroups(WireReader r)
    {
        const string path = What + ".groups";
        int groups = r.ArrayHeader(path);
        var columns = new List<Column>();
        for (int g = 0; g < groups; g++)
        {
            string groupPath = $"{path}[{g}]";
            int length = r.ArrayHeader(groupPath);
            if (length < 1)
            {
                throw WireReader.Invalid(groupPath, "a group starts with its rows mask");
            }

            (bool negative, ulong rows) = r.IntHead(groupPath + ".rows");
            if (negative)
            {
                throw WireReader.Invalid(groupPath + ".rows", "the rows mask is an unsigned integer");
            }

            for (int c = 1; c < length; c++)
            {
                if (columns.Count == WireLimits.MaxColumns)
                {
                    throw new WireFormatException(WireError.Oversized, $"{groupPath}: more than {WireLimits.MaxColumns} columns in the batch");
                }

                columns.Add(ReadColumn(r, $"{groupPath}[{c}]", rows, columns));
            }

            r.EndArray();
        }

        r.EndArray();
        return columns;
    }

    private static Column ReadColumn(WireReader r, string at, ulong rows, List<Column> earlier)
    {
        int length = r.ArrayHeader(at);
        if (length < 1)
        {
            throw WireReader.Invalid(at, "a column starts with its signal");
        }

        // The signal's sign carries the predictor: id = previous value, -1-id = linear extrapolation.
        (bool linear, ulong id) = r.IntHead(at + ".signal");
        if (id < 1 || id > int.MaxValue)
        {
            throw WireReader.Invalid(at + ".signal", $"signal id {id} outside 1..{int.MaxValue}");
        }

        var residuals = new long[length - 1];
        for (int i = 0; i < residuals.Length; i++)
        {
            residuals[i] = r.Int($"{at}[{i + 1}]");
        }

        r.EndArray();
        int signalId = (int)id;
        if (earlier.Exists(other => other.SignalId == signalId))
        {
            throw WireReader.Invalid(at, $"signal {signalId} has a column already");
        }

        return new Column(signalId, linear ? ColumnPredictor.Linear : ColumnPredictor.Previous, rows, residuals, at);
    }

    private static TelemetryRows Rows(long[] times, List<Column> columns)
    {
        int rows = times.Length;
        ulong allRows = rows == 64 ? ulong.MaxValue : (1UL << rows) - 1;
        int total = 0;
        foreach (Column column in columns)
        {
            ulong presence = column.Rows == 0 ? allRows : column.Rows;
            if ((presence & ~allRows) != 0)
            {
                throw WireReader.Invalid(column.Path, $"rows mask 0x{column.Rows:x} names rows beyond the {rows} the batch has");
            }

            int present = BitOperations.PopCount(presence);
            if (column.Residuals.Length > present)
            {
                throw WireReader.Invalid(column.Path, $"{column.Residuals.Length} values, but the group's rows mask names {present} rows");
            }

            total += present;
        }

        var raw = new long[total];
        var rowOf = new int[total];
        var decoded = new TelemetryColumn[columns.Count];
        int at = 0;
        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            ulong presence = column.Rows == 0 ? allRows : column.Rows;
            int first = at;
            long previous = 0;
            long beforePrevious = 0;
            int index = 0;
            for (int row = 0; row < rows; row++)
            {
                if ((presence & (1UL << row)) == 0)
                {
                    continue;
                }

                // Residuals left out at the end of a column are zero.
                long residual = index < column.Residuals.Length ? column.Residuals[index] : 0;
                long value = unchecked(residual + ColumnPredictor.Predict(column.Predictor, index, previous, beforePrevious));
                raw[at] = value;
                rowOf[at++] = row;
                beforePrevious = previous;
                previous = value;
                index++;
            }

            decoded[c] = new TelemetryColumn(column.SignalId, raw, rowOf, first, at - first);
        }

        return new TelemetryRows(times, decoded);
    }

    private sealed record Column(int SignalId, int Predictor, ulong Rows, long[] Residuals, string Path);
}
