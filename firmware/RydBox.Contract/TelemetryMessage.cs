namespace RydBox.Contract;

/// <summary>
/// A decoded telemetry batch: samples in time order. A batch from <see cref="TelemetryDecoder"/>
/// keeps its values column by column, as they travel (<see cref="Columns"/>, <see cref="TimeOf"/>),
/// and builds the sample and value objects of <see cref="Samples"/> only when they are first read
/// (once; thread-safe). Whoever needs only times, first or newest values or one signal reads the
/// columns and never pays for the objects.
/// </summary>
public sealed record TelemetryMessage(int Version, long Sequence, IReadOnlyList<TelemetrySample> Samples)
{
    /// <summary>Samples (rows) in the batch; reading it builds nothing.</summary>
    public int SampleCount => Samples.Count;

    /// <summary>
    /// Each signal's values, in the order the batch carries its columns (a decoded batch: as on the
    /// wire; one built from samples: in the order the signals first appear).
    /// </summary>
    public IReadOnlyList<TelemetryColumn> Columns => Samples is TelemetryRows rows ? rows.Columns : TelemetryRows.ColumnsOf(Samples);

    /// <summary>The time (Unix ms) of sample <paramref name="sample"/> (0 ≤ sample &lt; <see cref="SampleCount"/>); builds nothing.</summary>
    public long TimeOf(int sample) => Samples is TelemetryRows rows ? rows.TimeOf(sample) : Samples[sample].UnixMilliseconds;
}

/// <summary>One row of a batch: a time and the signals the box had for it.</summary>
public sealed record TelemetrySample(long UnixMilliseconds, IReadOnlyList<SignalValue> Values)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds);

    /// <summary>The value of <paramref name="signalId"/> in this sample, or null.</summary>
    public SignalValue? Find(int signalId) => Values.FirstOrDefault(v => v.SignalId == signalId);
}

/// <summary>One value: the raw wire integer and, through <see cref="SignalCatalog"/>, its name, unit and scaled value.</summary>
public sealed record SignalValue(int SignalId, string Name, string Unit, long Raw, double Value);

/// <summary>
/// One signal's values in a batch: the raw wire integers of the samples that have it, in sample
/// order, with each one's sample index (<see cref="TelemetryMessage.TimeOf"/> gives its time).
/// Never empty.
/// </summary>
public readonly struct TelemetryColumn
{
    private readonly long[] _raw;
    private readonly int[] _rows;
    private readonly int _offset;

    internal TelemetryColumn(int signalId, long[] raw, int[] rows, int offset, int count)
    {
        SignalId = signalId;
        _raw = raw;
        _rows = rows;
        _offset = offset;
        Count = count;
    }

    public int SignalId { get; }

    /// <summary>How many samples have a value of this signal.</summary>
    public int Count { get; }

    /// <summary>The raw values, in sample order.</summary>
    public ReadOnlySpan<long> Raw => new(_raw, _offset, Count);

    /// <summary>The sample index of each value in <see cref="Raw"/>, ascending.</summary>
    public ReadOnlySpan<int> Rows => new(_rows, _offset, Count);

    /// <summary>The newest (last) value's sample index.</summary>
    public int LastRow => _rows[_offset + Count - 1];

    /// <summary>The newest (last) raw value.</summary>
    public long LastRaw => _raw[_offset + Count - 1];

    /// <summary>Name, unit and scaling (<see cref="SignalCatalog.Describe"/>).</summary>
    public SignalInfo Info => SignalCatalog.Describe(SignalId);
}

/// <summary>
/// A decoded batch's samples, kept as columns (one array of times, one of raw values with their
/// sample indices) until someone reads them as <see cref="TelemetrySample"/> objects.
/// </summary>
internal sealed class TelemetryRows : IReadOnlyList<TelemetrySample>
{
    private readonly long[] _times;
    private readonly TelemetryColumn[] _columns;
    private TelemetrySample[]? _samples;

    /// <param name="times">One per sample, increasing.</param>
    /// <param name="columns">Each over <paramref name="raw"/> and <paramref name="rows"/>, in wire order.</param>
    public TelemetryRows(long[] times, TelemetryColumn[] columns)
    {
        _times = times;
        _columns = columns;
    }

    public IReadOnlyList<TelemetryColumn> Columns => _columns;

    public int Count => _times.Length;

    public TelemetrySample this[int index] => Materialize()[index];

    public long TimeOf(int sample) => _times[sample];

    public IEnumerator<TelemetrySample> GetEnumerator() => ((IEnumerable<TelemetrySample>)Materialize()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The columns of samples built some other way (signals in order of first appearance).</summary>
    public static TelemetryColumn[] ColumnsOf(IReadOnlyList<TelemetrySample> samples)
    {
        var order = new List<int>();
        var bySignal = new Dictionary<int, List<(int Row, long Raw)>>();
        for (int row = 0; row < samples.Count; row++)
        {
            foreach (SignalValue value in samples[row].Values)
            {
                if (!bySignal.TryGetValue(value.SignalId, out List<(int, long)>? values))
                {
                    bySignal.Add(value.SignalId, values = []);
                    order.Add(value.SignalId);
                }

                values.Add((row, value.Raw));
            }
        }

        int total = bySignal.Values.Sum(v => v.Count);
        var raw = new long[total];
        var rows = new int[total];
        var columns = new TelemetryColumn[order.Count];
        int at = 0;
        for (int c = 0; c < order.Count; c++)
        {
            List<(int Row, long Raw)> values = bySignal[order[c]];
            columns[c] = new TelemetryColumn(order[c], raw, rows, at, values.Count);
            foreach ((int row, long value) in values)
            {
                rows[at] = row;
                raw[at++] = value;
            }
        }

        return columns;
    }

    /// <summary>The sample objects, built once: each sample's values in column order.</summary>
    private TelemetrySample[] Materialize()
    {
        TelemetrySample[]? samples = Volatile.Read(ref _samples);
        if (samples is not null)
        {
            return samples;
        }

        int count = _times.Length;
        var perRow = new int[count];
        foreach (TelemetryColumn column in _columns)
        {
            foreach (int row in column.Rows)
            {
                perRow[row]++;
            }
        }

        var values = new SignalValue[count][];
        for (int row = 0; row < count; row++)
        {
            values[row] = perRow[row] == 0 ? [] : new SignalValue[perRow[row]];
            perRow[row] = 0;
        }

        foreach (TelemetryColumn column in _columns)
        {
            SignalInfo info = column.Info;
            ReadOnlySpan<long> raw = column.Raw;
            ReadOnlySpan<int> rows = column.Rows;
            for (int i = 0; i < raw.Length; i++)
            {
                int row = rows[i];
                values[row][perRow[row]++] = new SignalValue(column.SignalId, info.Name, info.Unit, raw[i], info.Scale(raw[i]));
            }
        }

        samples = new TelemetrySample[count];
        for (int row = 0; row < count; row++)
        {
            samples[row] = new TelemetrySample(_times[row], values[row]);
        }

        // Two readers at once may both build them; the first to finish wins and both return its objects.
        return Interlocked.CompareExchange(ref _samples, samples, null) ?? samples;
    }
}
