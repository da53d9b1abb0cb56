using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Dtc;

/// <summary>
/// New diagnostic trouble codes, from the box's DtcSet/DtcCleared events (Detail holds the code). A
/// DtcSet for a code not active emits a <see cref="DtcEvent"/> and activates it; a DtcSet for an
/// active code emits nothing (the box reports every stored code again after each reboot). A DtcCleared
/// for an active code emits it cleared and deactivates it; for a code not active, nothing (its set was
/// never told). Codes are compared trimmed and upper-case ("p0301 " is P0301).
/// </summary>
public sealed class DtcDetector : IEventDetector<DtcState>
{
    public DtcDetector(DtcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
    }

    public DtcDetector()
        : this(new DtcOptions())
    {
    }

    public DtcState Initial => DtcState.Initial;

    public DtcState Observe(DtcState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        if (observation is not BoxEventObservation { Type: BoxEventType.DtcSet or BoxEventType.DtcCleared } box
            || string.IsNullOrWhiteSpace(box.Detail))
        {
            return state;
        }

        string code = box.Detail.Trim().ToUpperInvariant();
        int index = BinarySearch(state.ActiveCodes, code);
        bool active = index >= 0;
        bool set = box.Type == BoxEventType.DtcSet;
        if (set == active)
        {
            return state;
        }

        var codes = new List<string>(state.ActiveCodes);
        if (set)
        {
            codes.Insert(~index, code);
        }
        else
        {
            codes.RemoveAt(index);
        }

        emitted.Add(new DtcEvent(box.UnixMilliseconds, code, Cleared: !set));
        return new DtcState(codes);
    }

    /// <summary>Like <see cref="List{T}.BinarySearch(T)"/>, ordinal, on any read-only list.</summary>
    private static int BinarySearch(IReadOnlyList<string> sorted, string code)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int order = string.CompareOrdinal(sorted[middle], code);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
