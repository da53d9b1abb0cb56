using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>
/// The automatic logbook. Ignition-based when the device reports rpm, OBD speed or ignition
/// events: a trip starts at the first sign of the engine running (rpm, OBD speed, the box's
/// IgnitionOn, or a charging voltage just before them) and ends at the last sign of it running once
/// the engine is seen stopped (the box's IgnitionOff while standing, or rpm 0 / the voltage below
/// charging for <see cref="TripOptions.EngineOffConfirmSeconds"/>). Movement-based otherwise: a
/// trip starts with <see cref="TripOptions.MovementConfirmFixes"/> consecutive fixes beyond the
/// parked anchor's drift radius or at moving speed (never with the engine known off: a resting
/// voltage or the box's tow alarm mean the vehicle is carried), and ends where it stood still for
/// <see cref="TripOptions.StationaryEndSeconds"/>. A silence longer than
/// <see cref="TripOptions.DataGapSeconds"/> ends a trip at its last observation.
/// A trip is emitted open only once it is credible (at least the minimum duration and distance),
/// then at most every <see cref="TripOptions.UpdateEverySeconds"/>, and closed at its end; a trip
/// that never became credible is dropped without ever having been emitted.
/// </summary>
public sealed class TripDetector(TripOptions options) : IEventDetector<TripState>
{
    public TripOptions Options { get; } = options;

    public TripState Initial { get; } = new();

    public TripState Observe(TripState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        switch (observation)
        {
            case ClockTick tick:
                return CloseAfterGap(state, tick.UnixMilliseconds, emitted);
            case SampleObservation sample:
                state = CloseAfterGap(state, sample.UnixMilliseconds, emitted);
                return ObserveSample(state, sample, emitted);
            case BoxEventObservation { Type: BoxEventType.TowAlarmStarted or BoxEventType.TowAlarmEnded } alarm:
                return state with { BoxTowAlarm = alarm.Type == BoxEventType.TowAlarmStarted };
            case BoxEventObservation { Type: BoxEventType.IgnitionOn or BoxEventType.IgnitionOff } ignition:
                state = CloseAfterGap(state, ignition.UnixMilliseconds, emitted);
                return ObserveIgnition(state with { HasIgnitionData = true }, ignition, emitted);
            default:
                return state;
        }
    }

    private TripState CloseAfterGap(TripState state, long now, ICollection<VehicleEvent> emitted)
    {
        if (state.Trip is not TripProgress trip || now - trip.LastPartUnixMs <= Ms(Options.DataGapSeconds))
        {
            return state;
        }

        return trip.Source == TripSource.Ignition
            ? Close(state, trip, trip.LastRunningUnixMs, trip.LastPlace, trip.MeasuredKmAtRunning, emitted)
            : Close(state, trip, trip.LastPartUnixMs, trip.LastPlace, trip.MeasuredKm, emitted);
    }

    private TripState ObserveIgnition(TripState state, BoxEventObservation e, ICollection<VehicleEvent> emitted)
    {
        long t = e.UnixMilliseconds;
        if (e.Type == BoxEventType.IgnitionOn)
        {
            if (state.Trip is TripProgress running)
            {
                return state with { Trip = running with { LastRunningUnixMs = Math.Max(running.LastRunningUnixMs, t), MeasuredKmAtRunning = running.MeasuredKm, EngineOffSinceUnixMs = null, LastPartUnixMs = t } };
            }

            return StartIgnitionTrip(state, t);
        }

        state = state.Trip is null ? state with { LastEngineOffUnixMs = t } : state;

        if (state.Trip is not TripProgress trip || trip.Source != TripSource.Ignition)
        {
            return state;
        }

        bool standing = trip.Previous?.SpeedKmh is not double speed || speed < Options.StandingKmh;
        if (standing)
        {
            return Close(state, trip, trip.LastRunningUnixMs, trip.LastPlace, trip.MeasuredKmAtRunning, emitted);
        }

        return state with { Trip = trip with { EngineOffSinceUnixMs = trip.EngineOffSinceUnixMs ?? t, LastPartUnixMs = t } };
    }

    private TripState ObserveSample(TripState state, SampleObservation s, ICollection<VehicleEvent> emitted)
    {
        long t = s.UnixMilliseconds;
        Place? fix = UsableFix(s);
        double hdop = s.Hdop ?? Options.AssumedHdop;
        state = state with
        {
            HasIgnitionData = state.HasIgnitionData || s.Rpm is not null || s.ObdSpeedKmh is not null,
            LastPlace = fix ?? state.LastPlace,
            LastSupplyVolts = s.SupplyVolts ?? state.LastSupplyVolts,
        };

        if (state.Trip is TripProgress trip)
        {
            trip = AddReadings(AddRow(trip, RowOf(s, fix), hdop), s);
            return trip.Source == TripSource.Ignition
                ? ObserveIgnitionTrip(state, trip, s, emitted)
                : ObserveMovementTrip(state, trip, t, emitted);
        }

        if (s.SupplyVolts is double volts)
        {
            bool charging = volts >= Options.ChargingVolts;
            state = state with
            {
                ChargingSinceUnixMs = charging && state.ChargingArmed ? state.ChargingSinceUnixMs ?? t : null,
                ChargingArmed = state.ChargingArmed || !charging,
            };
        }

        if (state.HasIgnitionData)
        {
            if (EngineTurns(s))
            {
                state = StartIgnitionTrip(state, t);
                TripProgress started = AddReadings(AddRow(state.Trip!, RowOf(s, fix), hdop), s);
                return ObserveIgnitionTrip(state, started, s, emitted);
            }

            if (s.SupplyVolts < Options.ChargingVolts || s.Rpm is not null)
            {
                state = state with { LastEngineOffUnixMs = t };
            }

            return fix is Place parkedFix ? state with { Parked = Anchor(state.Parked, parkedFix, hdop, t) } : state;
        }

        return fix is Place movedFix ? ObserveParkedMovement(state, s, movedFix, hdop, emitted) : state;
    }

    private TripState StartIgnitionTrip(TripState state, long t)
    {
        long start = state.ChargingSinceUnixMs is long since && since >= t - Ms(Options.StartLookBackSeconds) ? Math.Min(since, t) : t;
        ParkedAnchor? parked = state.Parked is ParkedAnchor anchor && anchor.LastAgreedUnixMs >= start - Ms(Options.StartAnchorMaxAgeSeconds)
            ? anchor
            : null;
        TripProgress trip = new()
        {
            StartUnixMs = start,
            Source = TripSource.Ignition,
            StartPlace = parked?.Position,
            ParkedPlace = parked?.Position,
            ParkedHdop = parked?.Hdop ?? Options.AssumedHdop,
            NotBeforeUnixMs = state.LastEngineOffUnixMs,
            OdometerAtStartKm = state.ParkedOdometerKm,

            // From where it was parked: a trip first seen already under way measures the straight line from there.
            Previous = parked is null ? null : new TripRow(parked.LastAgreedUnixMs, parked.Position, 0),
            LastPartUnixMs = t,
            LastRunningUnixMs = t,
            StillSinceUnixMs = start,
            SawCharging = state.ChargingSinceUnixMs is not null,
        };
        return state with { Trip = trip, ChargingSinceUnixMs = null, MovementRun = [], LastParkedRow = null };
    }

    private TripState ObserveIgnitionTrip(TripState state, TripProgress trip, SampleObservation s, ICollection<VehicleEvent> emitted)
    {
        long t = s.UnixMilliseconds;
        trip = PlaceLateStart(trip, s);
        bool charging = s.SupplyVolts >= Options.ChargingVolts;
        bool runsByVoltage = charging && s.Rpm is null && s.ObdSpeedKmh is null;
        if (EngineTurns(s) || runsByVoltage)
        {
            trip = trip with { LastRunningUnixMs = t, MeasuredKmAtRunning = trip.MeasuredKm, EngineOffSinceUnixMs = null, SawCharging = trip.SawCharging || charging };
        }
        else if (EngineStopped(s, trip))
        {
            trip = trip with { EngineOffSinceUnixMs = trip.EngineOffSinceUnixMs ?? t };
        }

        if (trip.EngineOffSinceUnixMs is long off && t - off >= Ms(Options.EngineOffConfirmSeconds))
        {
            return Close(state, trip, trip.LastRunningUnixMs, trip.LastPlace, trip.MeasuredKmAtRunning, emitted);
        }

        return state with { Trip = MaybeEmit(trip, t, trip.LastRunningUnixMs, trip.MeasuredKmAtRunning, emitted) };
    }

    /// <summary>
    /// At the first fix of a trip not yet emitted: already far from where it was parked means the
    /// engine was seen late (the box slept in standby); move the start back by the time the straight
    /// line takes at the speed seen, never before the engine was last known off.
    /// </summary>
    private TripProgress PlaceLateStart(TripProgress trip, SampleObservation s)
    {
        if (trip.FixSeen || UsableFix(s) is not Place fix)
        {
            return trip;
        }

        trip = trip with { FixSeen = true };
        if (trip.Emitted || trip.ParkedPlace is not Place parked)
        {
            return trip;
        }

        double metres = parked.DistanceMetresTo(fix);
        double hdop = s.Hdop ?? Options.AssumedHdop;
        if (metres <= DriftRadius.Metres(trip.ParkedHdop, hdop, Options.RadiusMetresPerHdop, Options.MinRadiusMetres))
        {
            return trip;
        }

        double kmh = Math.Max(Options.UnseenMinSpeedKmh, s.ObdSpeedKmh ?? s.GnssSpeedKmh ?? 0);
        long estimate = s.UnixMilliseconds - (long)(metres * Options.UnseenRouteFactor / (kmh / 3.6) * 1_000);
        long start = Math.Min(trip.StartUnixMs, Math.Max(estimate, trip.NotBeforeUnixMs ?? estimate));
        return trip with { StartUnixMs = start, StillSinceUnixMs = Math.Min(trip.StillSinceUnixMs, start), StartSeenLate = true };
    }

    private TripState ObserveMovementTrip(TripState state, TripProgress trip, long t, ICollection<VehicleEvent> emitted)
    {
        if (t - trip.StillSinceUnixMs >= Ms(Options.StationaryEndSeconds))
        {
            return Close(state, trip, trip.StillSinceUnixMs, trip.StillPlace ?? trip.LastPlace, trip.MeasuredKmAtStill, emitted);
        }

        return state with { Trip = MaybeEmit(trip, t, trip.StillSinceUnixMs, trip.MeasuredKmAtStill, emitted) };
    }

    /// <summary>No ignition data: the parked anchor's freeze rule tells drift from movement.</summary>
    private TripState ObserveParkedMovement(TripState state, SampleObservation s, Place fix, double hdop, ICollection<VehicleEvent> emitted)
    {
        long t = s.UnixMilliseconds;
        TripRow row = RowOf(s, fix);
        if (state.Parked is not ParkedAnchor anchor)
        {
            return state with { Parked = ParkedAnchor.Start(fix, hdop, t), LastParkedRow = row };
        }

        double radius = DriftRadius.Metres(anchor.Hdop, hdop, Options.RadiusMetresPerHdop, Options.MinRadiusMetres);
        bool moving = s.GnssSpeedKmh >= Options.MovingKmh
            || (anchor.Settled && anchor.Position.DistanceMetresTo(fix) > radius);
        if (!moving)
        {
            return state with { Parked = Anchor(anchor, fix, hdop, t), MovementRun = [], LastParkedRow = row };
        }

        var run = state.MovementRun.Add(row);
        if (run.All(r => r.SpeedKmh is not double v || v < Options.MovingKmh)
            && anchor.BetterSupportedBy([.. run.Select(r => new TrackPoint(r.UnixMs, r.Position!))], Options.RadiusMetresPerHdop, Options.MinRadiusMetres) is ParkedAnchor better)
        {
            return state with { Parked = better, MovementRun = [], LastParkedRow = row };
        }

        if (run.Length < Options.MovementConfirmFixes || run[^1].UnixMs - run[0].UnixMs < Ms(Options.MovementConfirmSeconds))
        {
            return state with { MovementRun = run };
        }

        if (state.BoxTowAlarm || state.LastSupplyVolts < Options.ChargingVolts)
        {
            // Moving with the engine off (a resting battery, the box's own tow alarm): carried, not driven.
            // The vehicle is parked wherever it is set down; the towing detector reports the episode.
            return state with { Parked = ParkedAnchor.Start(fix, hdop, t), MovementRun = [], LastParkedRow = row };
        }

        TripProgress trip = new()
        {
            StartUnixMs = run[0].UnixMs,
            Source = TripSource.Movement,
            StartPlace = anchor.Position,
            LastPartUnixMs = run[0].UnixMs,
            StillSinceUnixMs = run[0].UnixMs,
            Previous = state.LastParkedRow is TripRow parked ? parked with { Position = anchor.Position, SpeedKmh = null } : null,
        };
        foreach (TripRow r in run)
        {
            trip = AddRow(trip, r, hdop);
        }

        trip = AddReadings(trip, s);
        state = state with { Parked = null, MovementRun = [], LastParkedRow = null };
        return ObserveMovementTrip(state, trip, t, emitted);
    }

    private TripProgress AddRow(TripProgress trip, TripRow row, double hdop)
    {
        if (row.Position is null && row.SpeedKmh is null)
        {
            return trip with { LastPartUnixMs = row.UnixMs };
        }

        double measured = trip.MeasuredKm + (TripSegments.Metres(trip.Previous, row, Options) / 1_000);
        bool fast = row.SpeedKmh >= Options.MovingKmh;
        bool away = row.Position is Place p && (trip.StillPlace is not Place still
            || still.DistanceMetresTo(p) > DriftRadius.Metres(trip.StillHdop, hdop, Options.RadiusMetresPerHdop, Options.MinRadiusMetres));
        bool moved = fast || away;
        return trip with
        {
            MeasuredKm = measured,
            MaxSpeedKmh = Math.Max(trip.MaxSpeedKmh, row.SpeedKmh ?? 0),
            Previous = row,
            StartPlace = trip.StartPlace ?? row.Position,
            LastPlace = row.Position ?? trip.LastPlace,
            LastPartUnixMs = row.UnixMs,
            StillPlace = moved ? row.Position ?? trip.StillPlace : trip.StillPlace,
            StillHdop = moved && row.Position is not null ? hdop : trip.StillHdop,
            StillSinceUnixMs = moved ? row.UnixMs : trip.StillSinceUnixMs,
            MeasuredKmAtStill = moved ? measured : trip.MeasuredKmAtStill,
        };
    }

    private TripProgress AddReadings(TripProgress trip, SampleObservation s)
    {
        if (s.OdometerKm is null && s.MassAirFlowGramsPerSecond is null && s.FuelLevelPercent is null)
        {
            return trip;
        }

        long t = s.UnixMilliseconds;
        OdometerMark? mark = s.OdometerKm is double odometer ? new(odometer, trip.MeasuredKm) : null;
        double airGrams = trip.AirGrams;
        bool integrated = trip.MafIntegrated;
        if (s.MassAirFlowGramsPerSecond is double maf
            && trip.PreviousMaf is RateReading before && t - before.UnixMs <= Ms(Options.MaxMafGapSeconds) && t > before.UnixMs)
        {
            airGrams += (before.Value + maf) / 2 * (t - before.UnixMs) / 1_000.0;
            integrated = true;
        }

        // One copy a sample, whatever it read.
        return trip with
        {
            FirstOdometer = trip.FirstOdometer ?? mark,
            LastOdometer = mark ?? trip.LastOdometer,
            AirGrams = airGrams,
            MafIntegrated = integrated,
            PreviousMaf = s.MassAirFlowGramsPerSecond is double reading ? new RateReading(t, reading) : trip.PreviousMaf,
            FirstFuelPercent = trip.FirstFuelPercent ?? s.FuelLevelPercent,
            LastFuelPercent = s.FuelLevelPercent ?? trip.LastFuelPercent,
        };
    }

    private TripProgress MaybeEmit(TripProgress trip, long now, long credibleEnd, double credibleKm, ICollection<VehicleEvent> emitted)
    {
        if (!trip.Emitted)
        {
            if (!IsCredible(trip, credibleEnd, credibleKm))
            {
                return trip;
            }
        }
        else if (Options.UpdateEverySeconds <= 0 || now - trip.LastEmittedUnixMs < Ms(Options.UpdateEverySeconds))
        {
            return trip;
        }

        emitted.Add(Build(trip, null, null, trip.MeasuredKm, now));
        return trip with { Emitted = true, LastEmittedUnixMs = now };
    }

    private TripState Close(TripState state, TripProgress trip, long end, Place? endPlace, double measuredKm, ICollection<VehicleEvent> emitted)
    {
        end = Math.Max(end, trip.StartUnixMs);
        if (trip.Emitted || IsCredible(trip, end, measuredKm))
        {
            emitted.Add(Build(trip, end, endPlace ?? trip.StartPlace, measuredKm, end));
        }

        return state with
        {
            Trip = null,
            ParkedOdometerKm = trip.LastOdometer is OdometerMark odometer ? odometer.OdometerKm + Math.Max(0, measuredKm - odometer.MeasuredKm) : state.ParkedOdometerKm,
            LastEngineOffUnixMs = end,
            Parked = null,
            MovementRun = [],
            LastParkedRow = null,
            ChargingSinceUnixMs = null,
            ChargingArmed = false,
        };
    }

    private bool IsCredible(TripProgress trip, long end, double measuredKm) =>
        trip.StartPlace is not null
        && end - trip.StartUnixMs >= Ms(Options.MinDurationSeconds)
        && measuredKm >= Options.MinDistanceKm;

    private TripEvent Build(TripProgress trip, long? end, Place? endPlace, double measuredKm, long now)
    {
        double distance = measuredKm + UnseenStartKm(trip);
        if (trip.FirstOdometer is OdometerMark first && trip.LastOdometer is OdometerMark last
            && last.OdometerKm - first.OdometerKm >= Options.OdometerMinSpanKm)
        {
            // The odometer between its first and last reading, the measured distance before and after them.
            distance = first.MeasuredKm + UnseenStartKm(trip) + (last.OdometerKm - first.OdometerKm) + Math.Max(0, measuredKm - last.MeasuredKm);
        }

        double hours = ((end ?? now) - trip.StartUnixMs) / 3_600_000.0;
        double? fuel = trip.MafIntegrated
            ? FuelMath.LitresFromAirGrams(trip.AirGrams)
            : Options.TankCapacityLitres is double tank && trip.FirstFuelPercent is double from && trip.LastFuelPercent is double to && from > to
                ? (from - to) / 100 * tank
                : null;
        return new TripEvent(
            trip.StartUnixMs,
            end,
            trip.StartPlace!,
            endPlace,
            Math.Round(distance, 3),
            Math.Round(trip.MaxSpeedKmh, 1),
            hours > 0 ? Math.Round(distance / hours, 1) : 0,
            fuel is double litres ? Math.Round(litres, 3) : null,
            trip.Source);
    }

    /// <summary>What the odometer says was driven before the trip's first reading beyond what was measured (a start seen late), km.</summary>
    private double UnseenStartKm(TripProgress trip)
    {
        if (!trip.StartSeenLate || trip.FirstOdometer is not OdometerMark first || trip.OdometerAtStartKm is not double atStart)
        {
            return 0;
        }

        double unseen = first.OdometerKm - atStart - first.MeasuredKm;
        return unseen >= Options.OdometerBridgeMinKm ? unseen : 0;
    }

    private bool EngineTurns(SampleObservation s) => s.Rpm > Options.RunningRpm || s.ObdSpeedKmh > 0;

    private bool EngineStopped(SampleObservation s, TripProgress trip)
    {
        bool standing = (s.ObdSpeedKmh ?? s.GnssSpeedKmh ?? 0) < Options.StandingKmh;
        bool rpmZero = s.Rpm is double rpm && rpm <= Options.RunningRpm;
        bool voltageDropped = s.Rpm is null && s.SupplyVolts < Options.ChargingVolts && trip.SawCharging;
        return standing && (rpmZero || voltageDropped);
    }

    private Place? UsableFix(SampleObservation s) =>
        s.Position is Place p && (s.Hdop ?? Options.AssumedHdop) <= Options.MaxHdop ? p : null;

    private static TripRow RowOf(SampleObservation s, Place? fix) => new(s.UnixMilliseconds, fix, s.ObdSpeedKmh ?? s.GnssSpeedKmh);

    private ParkedAnchor Anchor(ParkedAnchor? anchor, Place fix, double hdop, long t)
    {
        if (anchor is null)
        {
            return ParkedAnchor.Start(fix, hdop, t);
        }

        return anchor.With(fix, hdop, t, Options.AnchorSettleFixes, Options.AnchorSmoothingFixes, Options.RadiusMetresPerHdop, Options.MinRadiusMetres);
    }

    private static long Ms(double seconds) => (long)(seconds * 1_000);
}
