namespace RydBox.Simulator.Scenarios;

/// <summary>When a box has no network, in simulation milliseconds: scenarios add windows, the box's link consults them.</summary>
public sealed class NetworkOutages
{
    private readonly List<(long From, long To)> _windows = [];

    public void Add(long fromMs, long toMs)
    {
        lock (_windows)
        {
            _windows.Add((fromMs, toMs));
        }
    }

    public bool Covers(long nowMs)
    {
        lock (_windows)
        {
            return _windows.Exists(w => nowMs >= w.From && nowMs < w.To);
        }
    }
}
