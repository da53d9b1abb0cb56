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
    public static TelemetryMessage Decode(ReadOnlyMemory<byte> payload) => WireReader.Decode(payload, What, Read);

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
                case TelemetryKeys.Columns:
                    columns = ReadColumns(r);
                    return true;
                default:
                    return false;
            }
        });

        if (sequence is null || baseTime is null || steps is null || columns is null)
        {
            throw WireReader.Missing(What + (sequence is null ? ".sequence" : baseTime is null ? ".time" : steps is null ? ".steps" : ".columns"));
        }

        long[] times = RowTimes(baseTime.Value, steps);
        return new TelemetryMessage(WireVersion.Current, sequence.Value, Samples(times, columns));
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

    private static List<Column> ReadColumns(WireReader r)
    {
        const string path = What + ".columns";
        int count = r.ArrayHeader(path);
        if (count > WireLimits.MaxColumns)
        {
            throw new WireFormatException(WireError.Oversized, $"{path}: {count} columns, more than {WireLimits.MaxColumns}");
        }

        var columns = new List<Column>(count);
        for (int c = 0; c < count; c++)
        {
            string at = $"{path}[{c}]";
            int length = r.ArrayHeader(at);
            if (length < 2)
            {
                throw WireReader.Invalid(at, "a column needs a signal id and a head");
            }

            int signalId = (int)r.Int(at + ".signal", 1, int.MaxValue);
            (bool linear, ulong mask) = r.IntHead(at + ".head");
            var residuals = new long[length - 2];
            for (int i = 0; i < residuals.Length; i++)
            {
                residuals[i] = r.Int($"{at}[{i + 2}]");
            }

            r.EndArray();
            if (columns.Exists(other => other.SignalId == signalId))
            {
                throw WireReader.Invalid(at, $"signal {signalId} has a column already");
            }

            columns.Add(new Column(signalId, linear ? ColumnPredictor.Linear : ColumnPredictor.Previous, mask, residuals));
        }

        r.EndArray();
        return columns;
    }

    private static TelemetrySample[] Samples(long[] times, List<Column> columns)
    {
        int rows = times.Length;
        ulong allRows = rows == 64 ? ulong.MaxValue : (1UL << rows) - 1;
        var rowValues = new List<SignalValue>[rows];
        for (int row = 0; row < rows; row++)
        {
            rowValues[row] = new List<SignalValue>(columns.Count);
        }

        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            string at = $"{What}.columns[{c}]";
            ulong presence = column.Mask == 0 ? allRows : column.Mask;
            if ((presence & ~allRows) != 0)
            {
                throw WireReader.Invalid(at + ".head", $"presence mask 0x{column.Mask:x} names rows beyond the {rows} the batch has");
            }

            if (BitOperations.PopCount(presence) != column.Residuals.Length)
            {
                throw WireReader.Invalid(at, $"{column.Residuals.Length} values, but the presence mask names {BitOperations.PopCount(presence)} rows");
            }

            SignalInfo info = SignalCatalog.Describe(column.SignalId);
            long previous = 0;
            long beforePrevious = 0;
            int index = 0;
            for (int row = 0; row < rows; row++)
            {
                if ((presence & (1UL << row)) == 0)
                {
                    continue;
                }

                long raw = unchecked(column.Residuals[index] + ColumnPredictor.Predict(column.Predictor, index, previous, beforePrevious));
                rowValues[row].Add(new SignalValue(column.SignalId, info.Name, info.Unit, raw, info.Scale(raw)));
                beforePrevious = previous;
                previous = raw;
                index++;
            }
        }

        var samples = new TelemetrySample[rows];
        for (int row = 0; row < rows; row++)
        {
            samples[row] = new TelemetrySample(times[row], rowValues[row]);
        }

        return samples;
    }

    private sealed record Column(int SignalId, int Predictor, ulong Mask, long[] Residuals);
}
