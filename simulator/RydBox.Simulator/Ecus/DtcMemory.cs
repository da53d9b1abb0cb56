namespace RydBox.Simulator.Ecus;

/// <summary>
/// An ECU's trouble codes: stored (confirmed, mode 03, they light the MIL), pending (mode 07) and
/// permanent (mode 0A). Scenarios set and clear them; a tester clears stored and pending codes
/// with mode 04, while permanent codes stay until the ECU itself sees the fault gone. Thread-safe.
/// </summary>
public sealed class DtcMemory
{
    private readonly object _gate = new();
    private readonly List<ushort> _stored = [];
    private readonly List<ushort> _pending = [];
    private readonly List<ushort> _permanent = [];

    public IReadOnlyList<ushort> Stored => Snapshot(_stored);

    public IReadOnlyList<ushort> Pending => Snapshot(_pending);

    public IReadOnlyList<ushort> Permanent => Snapshot(_permanent);

    /// <summary>The malfunction indicator lamp is lit while a confirmed code is stored.</summary>
    public bool MilOn
    {
        get
        {
            lock (_gate)
            {
                return _stored.Count > 0;
            }
        }
    }

    /// <summary>A confirmed fault, e.g. "P0301": stored, lighting the MIL, and permanent.</summary>
    public void SetStored(string code)
    {
        ushort raw = DtcText.Parse(code);
        lock (_gate)
        {
            AddOnce(_stored, raw);
            AddOnce(_permanent, raw);
        }
    }

    /// <summary>A fault seen once, not yet confirmed: pending only.</summary>
    public void SetPending(string code)
    {
        ushort raw = DtcText.Parse(code);
        lock (_gate)
        {
            AddOnce(_pending, raw);
        }
    }

    /// <summary>What mode 04 does: stored and pending codes go, permanent ones stay.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _stored.Clear();
            _pending.Clear();
        }
    }

    /// <summary>The fault repaired and verified: every code goes, permanent ones included.</summary>
    public void ClearAll()
    {
        lock (_gate)
        {
            Clear();
            _permanent.Clear();
        }
    }

    private IReadOnlyList<ushort> Snapshot(List<ushort> codes)
    {
        lock (_gate)
        {
            return [.. codes];
        }
    }

    private static void AddOnce(List<ushort> codes, ushort raw)
    {
        if (!codes.Contains(raw))
        {
            codes.Add(raw);
        }
    }
}
