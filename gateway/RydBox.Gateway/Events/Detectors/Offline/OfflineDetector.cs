using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Offline;

/// <summary>
/// Device offline. Opens an <see cref="OfflineEvent"/> when the connection dropped (Online=false) and
/// the device did not come back within <see cref="OfflineOptions.GracePeriod"/> (dated at the drop), or
/// when nothing came from it for longer than <see cref="OfflineOptions.Silence"/> (dated at the last
/// observation). Any later observation from the device (a sample, a box event, Online=true) ends it
/// then. If the device comes back after the threshold with no clock tick in between, one closed episode
/// is emitted (there is no point telling "offline" and "back" at once).
/// </summary>
public sealed class OfflineDetector : IEventDetector<OfflineState>
{
    private readonly long _graceMs;
    private readonly long _silenceMs;

    public OfflineDetector(OfflineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _graceMs = (long)options.GracePeriod.TotalMilliseconds;
        _silenceMs = (long)options.Silence.TotalMilliseconds;
    }

    public OfflineState Initial => OfflineState.Initial;

    public OfflineState Observe(OfflineState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        long now = observation.UnixMilliseconds;
        long? due = null;
        if (state.OfflineSinceUnixMs is null)
        {
            if (now - state.LastSeenUnixMs > _silenceMs)
            {
                due = state.LastSeenUnixMs;
            }
            else if (now - state.DroppedAtUnixMs >= _graceMs)
            {
                due = state.DroppedAtUnixMs;
            }
        }

        switch (observation)
        {
            case ClockTick:
            case ConnectionObservation { Online: false }:
                if (due is long start)
                {
                    emitted.Add(new OfflineEvent(start, null));
                    return state with { DroppedAtUnixMs = null, OfflineSinceUnixMs = start };
                }

                return observation is ClockTick || state.OfflineSinceUnixMs is not null || state.DroppedAtUnixMs is not null
                    ? state
                    : state with { DroppedAtUnixMs = now };

            case SampleObservation:
            case BoxEventObservation:
            case ConnectionObservation { Online: true }:
                if ((state.OfflineSinceUnixMs ?? due) is long since)
                {
                    emitted.Add(new OfflineEvent(since, Math.Max(since, now)));
                }

                return new OfflineState(Math.Max(state.LastSeenUnixMs ?? now, now));

            default:
                return state;
        }
    }
}
