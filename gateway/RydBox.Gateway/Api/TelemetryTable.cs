using RydBox.Contract;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Api;

/// <summary>Telemetry as the API answers it: columns (signals) and rows (samples or buckets), JSON or CSV.</summary>
internal sealed record TelemetryTable(IReadOnlyList<SignalInfo> Fields, IReadOnlyList<TableRow> Rows);

/// <summary>A row's time and one value per field, null where the row has none.</summary>
internal sealed record TableRow(long TimeMs, double?[] Values);

/// <summary>Reads a range a day at a time, so a month-long query never holds more than a day of decoded samples.</summary>
internal static class TelemetryScan
{
    private static readonly long ChunkMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    public static async Task ForEachAsync(ITelemetryStore store, string vehicleId, TimeRange range, Action<TelemetrySample> each, CancellationToken cancellationToken)
    {
        for (long start = range.FromMs, end; start < range.ToMs; start = end)
        {
            end = Math.Min(start + ChunkMs, range.ToMs);
            IReadOnlyList<TelemetrySample> samples = await store.ReadAsync(
                vehicleId, DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(end), cancellationToken);
            foreach (TelemetrySample sample in samples)
            {
                each(sample);
            }
        }
    }

    /// <summary>The requested fields, or every signal the rows hold in wire id order.</summary>
    public static IReadOnlyList<SignalInfo> Columns(IReadOnlyList<SignalInfo>? requested, IEnumerable<int> seen) =>
        requested ?? [.. seen.Distinct().Order().Select(SignalCatalog.Describe)];
}

/// <summary>Raw samples, optionally only some signals; refuses (400) to hold more than the row limit.</summary>
internal sealed class RawCollector(IReadOnlyList<SignalInfo>? fields, int maxRows, TimeRange range)
{
    private readonly HashSet<int>? _wanted = fields?.Select(f => f.Id).ToHashSet();
    private readonly List<(long TimeMs, Dictionary<int, double> Values)> _rows = [];
    private readonly HashSet<int> _seen = [];

    public void Add(TelemetrySample sample)
    {
        var values = new Dictionary<int, double>();
        foreach (SignalValue value in sample.Values)
        {
            if (_wanted is null || _wanted.Contains(value.SignalId))
            {
                values[value.SignalId] = value.Value;
                _seen.Add(value.SignalId);
            }
        }

        if (values.Count == 0)
        {
            return;
        }

        if (_rows.Count == maxRows)
        {
            throw new BadParameterException("to", $"from {UnixTime.Format(range.FromMs)} to {UnixTime.Format(range.ToMs)} holds more than {maxRows} samples, the limit of one answer; narrow the range or downsample with every= (e.g. every=1m)");
        }

        _rows.Add((sample.UnixMilliseconds, values));
    }

    public TelemetryTable Finish()
    {
        IReadOnlyList<SignalInfo> columns = TelemetryScan.Columns(fields, _seen);
        var rows = new List<TableRow>(_rows.Count);
        foreach ((long time, Dictionary<int, double> values) in _rows)
        {
            rows.Add(new TableRow(time, [.. columns.Select(c => values.TryGetValue(c.Id, out double v) ? v : (double?)null)]));
        }

        return new TelemetryTable(columns, rows);
    }
}

/// <summary>
/// Buckets of <c>every</c> milliseconds aligned to the unix epoch (1m buckets start on whole
/// minutes whatever <c>from</c> is); each signal aggregated over the samples that carry it.
/// Buckets without samples are left out. Samples arrive in time order.
/// </summary>
internal sealed class Downsampler(long everyMs, Aggregation aggregation, IReadOnlyList<SignalInfo>? fields)
{
    private readonly HashSet<int>? _wanted = fields?.Select(f => f.Id).ToHashSet();
    private readonly List<(long StartMs, Dictionary<int, double> Values)> _buckets = [];
    private readonly Dictionary<int, Accumulator> _current = [];
    private readonly HashSet<int> _seen = [];
    private long _currentStart = long.MinValue;

    /// <summary>The start of the bucket holding <paramref name="unixMs"/> (floor, also before 1970).</summary>
    public static long BucketStart(long unixMs, long everyMs) => unixMs - (((unixMs % everyMs) + everyMs) % everyMs);

    public void Add(TelemetrySample sample)
    {
        long start = BucketStart(sample.UnixMilliseconds, everyMs);
        if (start != _currentStart)
        {
            Flush();
            _currentStart = start;
        }

        foreach (SignalValue value in sample.Values)
        {
            if (_wanted is not null && !_wanted.Contains(value.SignalId))
            {
                continue;
            }

            if (!_current.TryGetValue(value.SignalId, out Accumulator? accumulator))
            {
                _current[value.SignalId] = accumulator = new Accumulator();
                _seen.Add(value.SignalId);
            }

            accumulator.Add(value.Value);
        }
    }

    public TelemetryTable Finish()
    {
        Flush();
        IReadOnlyList<SignalInfo> columns = TelemetryScan.Columns(fields, _seen);
        var rows = new List<TableRow>(_buckets.Count);
        foreach ((long start, Dictionary<int, double> values) in _buckets)
        {
            rows.Add(new TableRow(start, [.. columns.Select(c => values.TryGetValue(c.Id, out double v) ? v : (double?)null)]));
        }

        return new TelemetryTable(columns, rows);
    }

    private void Flush()
    {
        if (_current.Count == 0)
        {
            return;
        }

        _buckets.Add((_currentStart, _current.ToDictionary(pair => pair.Key, pair => pair.Value.Result(aggregation))));
        _current.Clear();
    }

    private sealed class Accumulator
    {
        private int _count;
        private double _sum;
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;
        private double _last;

        public void Add(double value)
        {
            _count++;
            _sum += value;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            _last = value;
        }

        public double Result(Aggregation aggregation) => aggregation switch
        {
            Aggregation.Mean => _sum / _count,
            Aggregation.Min => _min,
            Aggregation.Max => _max,
            _ => _last,
        };
    }
}
