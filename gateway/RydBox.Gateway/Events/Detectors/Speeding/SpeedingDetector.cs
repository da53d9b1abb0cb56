using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Speeding;

/// <summary>
/// Speeding: the speed (OBD vehicle speed, else GNSS speed from a fix with a usable HDOP) above
/// <see cref="SpeedingOptions.LimitKmh"/> on every reading for at least
/// <see cref="SpeedingOptions.MinimumDuration"/>. The episode opens then, dated from its first reading
/// above the limit, is emitted again as its maximum grows, and ends once the speed stayed below the
/// limit minus <see cref="SpeedingOptions.HysteresisKmh"/> for <see cref="SpeedingOptions.EndAfter"/>
/// (dated when it dropped), or at the last reading before a gap longer than <see cref="SpeedingOptions.MaximumGap"/>.
/// Position: where the episode started (the last usable fix at or before its first reading above the limit).
/// </summary>
public sealed class SpeedingDetector : IEventDetector<SpeedingState>
{
    private readonly SpeedingOptions _options;
    private readonly long _minimumMs;
    private readonly long _endAfterMs;
    private readonly long _maximumGapMs;

    public SpeedingDetector(SpeedingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _minimumMs = (long)options.MinimumDuration.TotalMilliseconds;
        _endAfterMs = (long)options.EndAfter.TotalMilliseconds;
        _maximumGapMs = (long)options.MaximumGap.TotalMilliseconds;
    }

    public SpeedingState Initial => SpeedingState.Initial;

    public SpeedingState Observe(SpeedingState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        if (observation is ClockTick tick)
        {
            // Time passing only matters to an open episode whose readings stopped.
            return state.Open && tick.UnixMilliseconds - state.LastSpeedUnixMs > _maximumGapMs
                ? End(state, state.BelowSinceUnixMs ?? state.LastSpeedUnixMs!.Value, emitted)
                : state;
        }

        if (observation is not SampleObservation sample)
        {
            return state;
        }

        bool gnssUsable = !(sample.Hdop is double hdop && !(hdop <= _options.MaximumHdop));
        Place? fix = gnssUsable && sample.Position is Place p && double.IsFinite(p.Latitude) && double.IsFinite(p.Longitude) ? p : null;
        double? speed = sample.ObdSpeedKmh ?? (gnssUsable ? sample.GnssSpeedKmh : null);
        if (speed is double s && !double.IsFinite(s))
        {
            speed = null;
        }

        if (speed is not double kmh)
        {
            if (fix is null || fix == state.LastPosition)
            {
                return state;
            }

            // A pending or open episode that started without a fix takes the first one it gets.
            return state with { LastPosition = fix, Position = state.AboveSinceUnixMs is not null ? state.Position ?? fix : state.Position };
        }

        long now = sample.UnixMilliseconds;
        if (state.LastSpeedUnixMs is long last && now - last > _maximumGapMs)
        {
            state = state.Open ? End(state, state.BelowSinceUnixMs ?? last, emitted) : Reset(state);
        }

        Place? lastPosition = fix ?? state.LastPosition;
        if (kmh > _options.LimitKmh)
        {
            SpeedingState above = state.AboveSinceUnixMs is null
                ? state with { AboveSinceUnixMs = now, MaxSpeedKmh = kmh, Position = lastPosition, BelowSinceUnixMs = null }
                : state with { MaxSpeedKmh = Math.Max(state.MaxSpeedKmh, kmh), Position = state.Position ?? lastPosition, BelowSinceUnixMs = null };
            above = above with { LastSpeedUnixMs = now, LastPosition = lastPosition };
            if (!above.Open && now - above.AboveSinceUnixMs!.Value >= _minimumMs)
            {
                above = above with { Open = true, EmittedMaxSpeedKmh = above.MaxSpeedKmh };
                emitted.Add(Event(above, null));
            }
            else if (above.Open && above.MaxSpeedKmh >= above.EmittedMaxSpeedKmh + _options.MaxSpeedUpdateStepKmh)
            {
                above = above with { EmittedMaxSpeedKmh = above.MaxSpeedKmh };
                emitted.Add(Event(above, null));
            }

            return above;
        }

        if (!state.Open)
        {
            // At or below the limit before the episode was confirmed: it was a burst.
            return Reset(state) with { LastSpeedUnixMs = now, LastPosition = lastPosition };
        }

        if (kmh >= _options.LimitKmh - _options.HysteresisKmh)
        {
            return state with { BelowSinceUnixMs = null, LastSpeedUnixMs = now, LastPosition = lastPosition };
        }

        long below = state.BelowSinceUnixMs ?? now;
        SpeedingState slower = state with { BelowSinceUnixMs = below, LastSpeedUnixMs = now, LastPosition = lastPosition };
        return now - below >= _endAfterMs ? End(slower, below, emitted) : slower;
    }

    private SpeedingState End(SpeedingState state, long endUnixMs, ICollection<VehicleEvent> emitted)
    {
        emitted.Add(Event(state, endUnixMs));
        return Reset(state);
    }

    private static SpeedingState Reset(SpeedingState state) =>
        SpeedingState.Initial with { LastSpeedUnixMs = state.LastSpeedUnixMs, LastPosition = state.LastPosition };

    private SpeedingEvent Event(SpeedingState state, long? endUnixMs) =>
        new(state.AboveSinceUnixMs!.Value, endUnixMs, _options.LimitKmh, state.MaxSpeedKmh, state.Position);
}
