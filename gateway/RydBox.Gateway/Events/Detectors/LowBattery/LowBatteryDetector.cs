using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.LowBattery;

/// <summary>
/// Low battery while parked: supply voltage below <see cref="LowBatteryOptions.LowVolts"/> on
/// consecutive readings of a parked vehicle (no RPM above 0, OBD speed 0 or absent, ignition off as the
/// box last said) for <see cref="LowBatteryOptions.LowFor"/> and <see cref="LowBatteryOptions.MinimumLowSamples"/>
/// readings, or the box's own LowBattery event. One <see cref="LowBatteryEvent"/> per parked stretch,
/// dated and valued at the reading (or box event) that decided it; a new one only after the engine ran
/// (RPM, speed, IgnitionOn or a charging voltage) or the voltage recovered to <see cref="LowBatteryOptions.RearmVolts"/>.
/// A cranking dip never counts: it lasts a second or two and the running engine's readings end the run.
/// </summary>
public sealed class LowBatteryDetector : IEventDetector<LowBatteryState>
{
    private readonly LowBatteryOptions _options;
    private readonly long _lowForMs;

    public LowBatteryDetector(LowBatteryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _lowForMs = (long)options.LowFor.TotalMilliseconds;
    }

    public LowBatteryState Initial => LowBatteryState.Initial;

    public LowBatteryState Observe(LowBatteryState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        switch (observation)
        {
            case BoxEventObservation { Type: BoxEventType.IgnitionOn } on:
                return EngineRan(state) with { IgnitionOn = true, LastPosition = on.Position ?? state.LastPosition };

            case BoxEventObservation { Type: BoxEventType.IgnitionOff } off:
                return state with { IgnitionOn = false, LastPosition = off.Position ?? state.LastPosition };

            case BoxEventObservation { Type: BoxEventType.LowBattery } low:
                Place? where = low.Position ?? state.LastPosition;
                if (state.Reported)
                {
                    return where == state.LastPosition ? state : state with { LastPosition = where };
                }

                emitted.Add(new LowBatteryEvent(low.UnixMilliseconds, low.Value / 1000.0, where));
                return state with { Reported = true, LowSinceUnixMs = null, LowSamples = 0, LastPosition = where };

            case SampleObservation sample:
                return Sample(state, sample, emitted);

            default:
                return state;
        }
    }

    private LowBatteryState Sample(LowBatteryState state, SampleObservation sample, ICollection<VehicleEvent> emitted)
    {
        Place? position = sample.Position is Place p && double.IsFinite(p.Latitude) && double.IsFinite(p.Longitude) ? p : null;
        if (position is not null && position != state.LastPosition)
        {
            state = state with { LastPosition = position };
        }

        double? volts = sample.SupplyVolts is double v && double.IsFinite(v) ? v : null;
        if (sample.Rpm > 0 || sample.ObdSpeedKmh > 0 || volts >= _options.ChargingVolts)
        {
            return EngineRan(state);
        }

        if (volts is not double reading)
        {
            return state;
        }

        if (reading >= _options.RearmVolts)
        {
            state = state with { Reported = false };
        }

        if (reading >= _options.LowVolts || state.IgnitionOn)
        {
            return state.LowSamples == 0 ? state : state with { LowSinceUnixMs = null, LowSamples = 0 };
        }

        long now = sample.UnixMilliseconds;
        long since = state.LowSinceUnixMs ?? now;
        int samples = state.LowSamples + 1;
        if (!state.Reported && samples >= _options.MinimumLowSamples && now - since >= _lowForMs)
        {
            emitted.Add(new LowBatteryEvent(now, reading, state.LastPosition));
            return state with { Reported = true, LowSinceUnixMs = null, LowSamples = 0 };
        }

        return state.Reported ? state : state with { LowSinceUnixMs = since, LowSamples = samples };
    }

    /// <summary>The engine ran: a new parked stretch begins, and any run of low readings is over.</summary>
    private static LowBatteryState EngineRan(LowBatteryState state) =>
        state.Reported || state.LowSamples != 0 ? state with { Reported = false, LowSinceUnixMs = null, LowSamples = 0 } : state;
}
