namespace RydBox.Benchmarks.Events;

/// <summary>Detections against truth for one row of the table.</summary>
internal sealed record Score(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public static Score Zero { get; } = new(0, 0, 0);

    public double? Precision => TruePositives + FalsePositives == 0 ? null : TruePositives / (double)(TruePositives + FalsePositives);

    public double? Recall => TruePositives + FalseNegatives == 0 ? null : TruePositives / (double)(TruePositives + FalseNegatives);

    public static Score operator +(Score a, Score b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
}

/// <summary>Everything the benchmark counts, from many drives scored at once (thread-safe).</summary>
internal sealed class AccuracyTally
{
    private readonly object _gate = new();
    private readonly List<string> _rows = [];
    private readonly Dictionary<string, Score> _scores = [];
    private readonly List<string> _figureNames = [];
    private readonly Dictionary<string, List<double>> _figures = [];
    private readonly List<string> _cases = [];
    private readonly Dictionary<string, long> _counters = [];

    public void Count(string row, Score score)
    {
        lock (_gate)
        {
            if (!_scores.TryGetValue(row, out Score? had))
            {
                _rows.Add(row);
                had = Score.Zero;
            }

            _scores[row] = had + score;
        }
    }

    /// <summary>One value of an error distribution (median, p95 and max are printed).</summary>
    public void Add(string figure, double value)
    {
        lock (_gate)
        {
            if (!_figures.TryGetValue(figure, out List<double>? values))
            {
                _figureNames.Add(figure);
                _figures[figure] = values = [];
            }

            values.Add(value);
        }
    }

    /// <summary>A case that missed a goal, told precisely enough to find it again (scenario, seed, what went wrong).</summary>
    public void Note(string text)
    {
        lock (_gate)
        {
            _cases.Add(text);
        }
    }

    public void Increment(string counter, long by = 1)
    {
        lock (_gate)
        {
            _counters[counter] = _counters.GetValueOrDefault(counter) + by;
        }
    }

    public long Counter(string counter)
    {
        lock (_gate)
        {
            return _counters.GetValueOrDefault(counter);
        }
    }

    public IReadOnlyList<(string Row, Score Score)> Rows()
    {
        lock (_gate)
        {
            return _rows.Select(r => (r, _scores[r])).ToArray();
        }
    }

    public IReadOnlyList<(string Figure, IReadOnlyList<double> Values)> Figures()
    {
        lock (_gate)
        {
            return _figureNames.Select(f => (f, (IReadOnlyList<double>)[.. _figures[f]])).ToArray();
        }
    }

    public IReadOnlyList<string> Cases()
    {
        lock (_gate)
        {
            return [.. _cases.Order(StringComparer.Ordinal)];
        }
    }
}
