using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Curfew;

/// <summary>
/// Driving during a curfew window. A sign of driving (RPM above 0, OBD or usable GNSS speed at or above
/// <see cref="CurfewOptions.MovingSpeedKmh"/>, the box's IgnitionOn) inside an occurrence of a window
/// opens an episode dated at that sign, with the window's name (the first window in the list when
/// several contain the instant: one episode at a time). It ends at the box's IgnitionOff, at the last
/// sign of driving once none came for <see cref="CurfewOptions.StoppedAfter"/>, or when the window's
/// occurrence ends while still driving.
/// </summary>
public sealed class CurfewDetector : IEventDetector<CurfewState>
{
    private readonly IReadOnlyList<CurfewWindow> _windows;
    private readonly TimeZoneInfo[] _zones;
    private readonly CurfewOptions _options;
    private readonly long _stoppedAfterMs;

    /// <exception cref="ArgumentException">A window is invalid (see <see cref="CurfewWindow.Validate"/>) or an option is out of range.</exception>
    public CurfewDetector(IReadOnlyList<CurfewWindow> windows, CurfewOptions options)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _windows = windows.ToArray();
        _zones = _windows.Select(w => (w ?? throw new ArgumentNullException(nameof(windows))).ResolveTimeZone()).ToArray();
        _options = options;
        _stoppedAfterMs = (long)options.StoppedAfter.TotalMilliseconds;
    }

    public CurfewState Initial => CurfewState.Initial;

    public CurfewState Observe(CurfewState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        long now = observation.UnixMilliseconds;
        CurfewState before = state;
        if (state.IsOpen)
        {
            // What time alone has ended: the drive (no sign of it for too long) or the window.
            if (now - state.LastDrivingUnixMs > _stoppedAfterMs)
            {
                state = End(state, state.LastDrivingUnixMs!.Value, emitted);
            }
            else if (now >= state.WindowEndUnixMs)
            {
                state = End(state, state.WindowEndUnixMs!.Value, emitted);
            }
        }

        bool driving;
        Place? position;
        switch (observation)
        {
            case SampleObservation sample:
                bool gnssUsable = !(sample.Hdop is double hdop && !(hdop <= _options.MaximumHdop));
                position = gnssUsable ? sample.Position : null;
                driving = sample.Rpm > 0
                    || sample.ObdSpeedKmh >= _options.MovingSpeedKmh
                    || (gnssUsable && sample.GnssSpeedKmh >= _options.MovingSpeedKmh);
                break;

            case BoxEventObservation { Type: BoxEventType.IgnitionOff }:
                return state.IsOpen ? End(state, now, emitted) with { LastDrivingUnixMs = null } : state with { LastDrivingUnixMs = null };

            case BoxEventObservation { Type: BoxEventType.IgnitionOn } ignition:
                position = ignition.Position;
                driving = true;
                break;

            default:
                return state;
        }

        if (position is not null && position != state.LastPosition)
        {
            state = state with { LastPosition = position };
        }

        if (!driving)
        {
            return state == before ? before : state;
        }

        state = state with { LastDrivingUnixMs = now };
        if (state.IsOpen)
        {
            return state;
        }

        for (int i = 0; i < _windows.Count; i++)
        {
            if (CurfewCalendar.OccurrenceAt(_windows[i], _zones[i], now) is { } occurrence)
            {
                state = state with { WindowName = _windows[i].Name, StartUnixMs = now, WindowEndUnixMs = occurrence.EndUnixMs, Position = state.LastPosition };
                emitted.Add(new CurfewEvent(now, null, _windows[i].Name, state.LastPosition));
                break;
            }
        }

        return state;
    }

    private static CurfewState End(CurfewState state, long endUnixMs, ICollection<VehicleEvent> emitted)
    {
        emitted.Add(new CurfewEvent(state.StartUnixMs!.Value, endUnixMs, state.WindowName!, state.Position));
        return state with { WindowName = null, StartUnixMs = null, WindowEndUnixMs = null, Position = null };
    }
}
