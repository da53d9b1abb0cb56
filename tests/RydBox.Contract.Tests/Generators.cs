using CsCheck;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

/// <summary>What a random batch holds: row times and, per column, a signal id and a value per present row.</summary>
internal sealed record BatchSpec(long[] Times, ColumnSpec[] Columns)
{
    public TelemetryBatch Build()
    {
        var batch = new TelemetryBatch(TelemetryBatch.MaxRowLimit, Math.Max(1, Columns.Length));
        for (int row = 0; row < Times.Length; row++)
        {
            batch.BeginRow(Times[row]).Should().BeTrue();
            foreach (ColumnSpec column in Columns)
            {
                if (column.Values[row] is long value)
                {
                    batch.Set(column.SignalId, value).Should().BeTrue();
                }
            }
        }

        return batch;
    }

    public override string ToString() =>
        $"{Times.Length} rows from {Times[0]}, columns: " + string.Join("; ", Columns.Select(c => $"{c.SignalId}: [{string.Join(",", c.Values)}]"));
}

internal sealed record ColumnSpec(int SignalId, long?[] Values);

internal static class Generators
{
    /// <summary>Values across the whole long range, with the extremes and small numbers made likely.</summary>
    public static readonly Gen<long> Value = Gen.Frequency(
        (4, Gen.Long),
        (3, Gen.Long[-300, 300]),
        (1, Gen.OneOf(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 0L, -1L, 23L, 24L, -24L, -25L)));

    /// <summary>A column's values as a walk (smooth, like a sensor) or independent draws.</summary>
    private static Gen<long[]> ColumnValues(int rows) => Gen.OneOf(
        Value.Array[rows],
        Gen.Select(Value, Gen.Long[-5000, 5000].Array[rows], (start, steps) =>
        {
            var values = new long[rows];
            long v = start;
            for (int i = 0; i < rows; i++)
            {
                values[i] = v = unchecked(v + steps[i]);
            }

            return values;
        }));

    private static Gen<ulong> Presence(int rows)
    {
        ulong all = rows == 64 ? ulong.MaxValue : (1UL << rows) - 1;
        return Gen.Frequency(
            (2, Gen.Const(all)),
            (2, Gen.ULong.Select(bits => (bits & all) == 0 ? 1UL : bits & all)),
            (1, Gen.Int[0, rows - 1].Select(row => 1UL << row)));
    }

    private static readonly Gen<int> SignalId = Gen.Frequency(
        (3, Gen.Int[1, 8]),
        (3, Gen.Int[0, 255].Select(pid => SignalIds.ForPid((byte)pid, 0))),
        (1, Gen.Int[1, int.MaxValue]));

    private static Gen<long[]> Times(int rows) =>
        Gen.Select(
            Gen.Long[-62_000_000_000_000, 250_000_000_000_000],
            Gen.Frequency((3, Gen.Long[1, 2000]), (1, Gen.Long[1, 20_000_000_000])).Array[rows - 1],
            (start, steps) =>
            {
                var times = new long[rows];
                times[0] = start;
                for (int i = 1; i < rows; i++)
                {
                    times[i] = times[i - 1] + steps[i - 1];
                }

                return times;
            });

    public static readonly Gen<BatchSpec> Batch =
        from rows in Gen.Frequency((3, Gen.Int[1, 12]), (1, Gen.Int[1, 64]))
        from times in Times(rows)
        from ids in SignalId.Array[0, 24]
        from columns in Gen.Select(ColumnValues(rows), Presence(rows)).Array[ids.Distinct().Count()]
        select new BatchSpec(times, ids.Distinct().Zip(columns, (id, c) => new ColumnSpec(id, Mask(c.Item1, c.Item2))).ToArray());

    /// <summary>Text from any code point but the surrogates (which UTF-8 cannot carry), up to <paramref name="maxChars"/>.</summary>
    public static Gen<string> Text(int minChars, int maxChars) =>
        Gen.Frequency(
                (3, Gen.Int[0x20, 0x7E]),
                (1, Gen.Int[0x80, 0xD7FF]),
                (1, Gen.Int[0xE000, 0x10FFFF]))
            .Array[minChars, maxChars]
            .Select(points => string.Concat(points.Select(char.ConvertFromUtf32)));

    public static readonly Gen<BoxEvent> Event =
        from type in Gen.Frequency((4, Gen.Int[1, 12]), (1, Gen.Int[13, int.MaxValue]))
        from time in Gen.Long[-62_000_000_000_000, 250_000_000_000_000]
        from hasPosition in Gen.Bool
        from latitude in Gen.Int[-900_000_000, 900_000_000]
        from longitude in Gen.Int[-1_800_000_000, 1_800_000_000]
        from value in Value
        from detail in Gen.Frequency((1, Gen.Const((string?)null)), (2, Text(0, 60).Select(t => (string?)t)))
        select new BoxEvent
        {
            Type = (BoxEventType)type,
            UnixMilliseconds = time,
            HasPosition = hasPosition,
            LatitudeE7 = hasPosition ? latitude : 0,
            LongitudeE7 = hasPosition ? longitude : 0,
            Value = value,
            Detail = detail,
        };

    public static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyz_"].Array[1, 16].Select(c => new string(c));

    public static readonly Gen<CommandArgument> Argument = Gen.OneOf(
        Gen.Select(Name, Value, CommandArgument.Of),
        Gen.Select(Name, Text(0, 16), CommandArgument.Of),
        Gen.Select(Name, Gen.Bool, CommandArgument.Of));

    private static long?[] Mask(long[] values, ulong presence) =>
        values.Select((v, row) => (presence & (1UL << row)) != 0 ? v : (long?)null).ToArray();
}
