using System.Collections.Immutable;
using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Detectors.Trips;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Towing;

/// <summary>
/// Towing warning. With the ignition known off (the box's IgnitionOff, a resting voltage, rpm 0),
/// an episode starts when <see cref="TowingOptions.SpeedConfirmFixes"/> consecutive fixes show a
/// moving GNSS speed, or <see cref="TowingOptions.DisplacedConfirmFixes"/> consecutive fixes lie
/// beyond the parked position's drift radius, each run spanning its confirmation time (so a single
/// multipath jump never alarms); the episode starts at the run's first fix, or at the box's own
/// tow alarm when that came first. The box's alarm alone starts nothing (its detector alarms on
/// drift now and then); alarm and server evidence make ONE episode. It is emitted
/// open when it starts and closed when the vehicle has stood still for
/// <see cref="TowingOptions.EndAfterStillSeconds"/> (ended where it stopped) or the ignition comes
/// on; the place it stopped becomes the new parked position.
/// </summary>
public sealed class TowingDetector(TowingOptions options) : IEventDetector<TowingState>
{
    public TowingOptions Options { get; } = options;

    public TowingState Initial { get; } = new();

    public TowingState Observe(TowingState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        switch (observation)
        {
            case ClockTick tick:
                return state.Episode is TowingEpisode open && state.LastObservationUnixMs is long last
                    && tick.UnixMilliseconds - last >= Ms(Options.EndAfterSilenceSeconds)
                    ? End(state, open, open.LastMovedUnixMs, open.StillPlace ?? state.LastPlace, emitted, parkThere: false)
                    : state;
            case SampleObservation sample:
                return ObserveSample(state with { LastObservationUnixMs = sample.UnixMilliseconds }, sample, emitted);
            case BoxEventObservation e when e.Type is BoxEventType.IgnitionOn or BoxEventType.IgnitionOff
                or BoxEventType.TowAlarmStarted or BoxEventType.TowAlarmEnded:
                return ObserveBoxEvent(state with { LastObservationUnixMs = e.UnixMilliseconds }, e, emitted);
            default:
                return state;
        }
    }

    private TowingState ObserveBoxEvent(TowingState state, BoxEventObservation e, ICollection<VehicleEvent> emitted)
    {
        long t = e.UnixMilliseconds;
        switch (e.Type)
        {
            case BoxEventType.IgnitionOn:
                return IgnitionComesOn(state, t, emitted) with { IgnitionOnByBox = true };
            case BoxEventType.IgnitionOff:
                return IgnitionGoesOff(state);
            case BoxEventType.TowAlarmStarted:
                state = state with { BoxAlarmActive = true };
                if (state.Episode is TowingEpisode running)
                {
                    return state with { Episode = running with { RaisedByBox = true } };
                }

                ImmutableArray<TrackPoint> evidence = Evidence(state);
                if (evidence.Length == 0)
                {
                    // The box alone is no episode: its detector has seen false alarms on GNSS drift and on a
                    // drive whose ignition it had not noticed yet. The server's own evidence starts one,
                    // from when the box's alarm began.
                    return state.BoxAlarmAloneSinceUnixMs is null ? state with { BoxAlarmAloneSinceUnixMs = t } : state;
                }

                if (e.Position is Place at)
                {
                    evidence = Append(evidence, new TrackPoint(t, at));
                }

                return Begin(state, Math.Min(evidence[0].UnixMilliseconds, t), evidence, evidence.Length - (e.Position is null ? 0 : 1), raisedByBox: true, lastMoved: t, emitted);
            default:
                state = state with { BoxAlarmActive = false, BoxAlarmAloneSinceUnixMs = null };
                if (state.Episode is not TowingEpisode episode)
                {
                    return state;
                }

                if (episode.Fixes == 0)
                {
                    // A box-only episode: the box's own end is all there is.
                    return End(state, episode, t, e.Position ?? episode.StillPlace ?? state.LastPlace, emitted, parkThere: true);
                }

                return t - episode.LastMovedUnixMs >= Ms(Options.EndAfterStillSeconds)
                    ? End(state, episode, episode.LastMovedUnixMs, episode.StillPlace, emitted, parkThere: true)
                    : state;
        }
    }

    private TowingState ObserveSample(TowingState state, SampleObservation s, ICollection<VehicleEvent> emitted)
    {
        long t = s.UnixMilliseconds;
        if (s.Rpm > Options.RunningRpm || s.ObdSpeedKmh > 0 || s.SupplyVolts >= Options.ChargingVolts)
        {
            return IgnitionComesOn(state, t, emitted);
        }

        // Once the box said ignition on, only its IgnitionOff says off: a smart alternator may rest
        // below the charging voltage while driving, and a drive must never look like a tow.
        if (state.IgnitionOn is not false && !state.IgnitionOnByBox && (s.Rpm is not null || s.SupplyVolts is not null))
        {
            state = IgnitionGoesOff(state);
        }

        Place? fix = s.Position is Place p && (s.Hdop ?? Options.AssumedHdop) <= Options.MaxHdop ? p : null;
        double hdop = s.Hdop ?? Options.AssumedHdop;
        bool fast = s.GnssSpeedKmh >= Options.MovingKmh;
        if (fix is Place seen)
        {
            state = state with { LastPlace = seen, LastHdop = hdop };
        }

        if (state.Episode is TowingEpisode episode)
        {
            return Track(state, episode, t, fix, hdop, fast, emitted);
        }

        return state.IgnitionOn is false && fix is Place parkedFix ? Watch(state, t, parkedFix, hdop, fast, emitted) : state;
    }

    /// <summary>Parked: drift within the radius feeds the parked position, evidence runs start an episode once confirmed.</summary>
    private TowingState Watch(TowingState state, long t, Place fix, double hdop, bool fast, ICollection<VehicleEvent> emitted)
    {
        TrackPoint point = new(t, fix);
        if (state.Parked is not ParkedAnchor anchor)
        {
            return state with { Parked = ParkedAnchor.Start(fix, hdop, t), SpeedRun = fast ? [point] : [], DisplacedRun = [], FarRun = [] };
        }

        double radius = DriftRadius.Metres(anchor.Hdop, hdop, Options.RadiusMetresPerHdop, Options.MinRadiusMetres);
        bool settled = anchor.Settled;
        double distance = anchor.Position.DistanceMetresTo(fix);
        bool displaced = settled && distance > radius;
        bool far = settled && distance > radius + Options.MultipathMarginMetres;
        ImmutableArray<TrackPoint> speedRun = fast ? state.SpeedRun.Add(point) : [];
        ImmutableArray<TrackPoint> displacedRun = displaced ? state.DisplacedRun.Add(point) : [];
        ImmutableArray<TrackPoint> farRun = far ? state.FarRun.Add(point) : [];
        state = state with
        {
            SpeedRun = speedRun,
            DisplacedRun = displacedRun,
            FarRun = farRun,
            Parked = fast || displaced ? anchor : anchor.With(fix, hdop, t, Options.AnchorSettleFixes, Options.AnchorSmoothingFixes, Options.RadiusMetresPerHdop, Options.MinRadiusMetres),
        };

        if (speedRun.IsEmpty && anchor.BetterSupportedBy(displacedRun, Options.RadiusMetresPerHdop, Options.MinRadiusMetres) is ParkedAnchor better)
        {
            return state with { Parked = better, DisplacedRun = [], FarRun = [] };
        }

        bool bySpeed = Confirmed(speedRun, Options.SpeedConfirmFixes, Options.SpeedConfirmSeconds);
        bool byDisplacement = Confirmed(displacedRun, Options.DisplacedConfirmFixes, Options.DisplacedConfirmSeconds)
            || Confirmed(farRun, Options.FarConfirmFixes, Options.DisplacedConfirmSeconds);
        if (!bySpeed && !byDisplacement)
        {
            return state;
        }

        ImmutableArray<TrackPoint> evidence = Evidence(state);
        long start = Math.Min(state.BoxAlarmAloneSinceUnixMs ?? long.MaxValue, evidence[0].UnixMilliseconds);
        return Begin(state, start, evidence, evidence.Length, raisedByBox: state.BoxAlarmActive, lastMoved: t, emitted);
    }

    /// <param name="fixes">How many of <paramref name="evidence"/> are the server's own fixes.</param>
    private TowingState Begin(TowingState state, long start, ImmutableArray<TrackPoint> evidence, int fixes, bool raisedByBox, long lastMoved, ICollection<VehicleEvent> emitted)
    {
        Place? from = state.Parked?.Position ?? (evidence.Length > 0 ? evidence[0].Position : state.LastPlace);
        TowingEpisode episode = new()
        {
            StartUnixMs = start,
            From = from,
            Path = evidence,
            RaisedByBox = raisedByBox,
            LastMovedUnixMs = lastMoved,
            StillPlace = evidence.Length > 0 ? evidence[^1].Position : from,
            StillHdop = state.LastHdop,
            Fixes = fixes,
        };
        return state with { Episode = EmitOpen(episode, emitted), SpeedRun = [], DisplacedRun = [], FarRun = [], BoxAlarmAloneSinceUnixMs = null };
    }

    /// <summary>During an episode: follow the path, and end it once it has kept still long enough.</summary>
    private TowingState Track(TowingState state, TowingEpisode episode, long t, Place? fix, double hdop, bool fast, ICollection<VehicleEvent> emitted)
    {
        if (fix is Place p)
        {
            bool moved = fast || episode.StillPlace is not Place still
                || still.DistanceMetresTo(p) > DriftRadius.Metres(episode.StillHdop, hdop, Options.RadiusMetresPerHdop, Options.MinRadiusMetres);
            episode = episode with
            {
                From = episode.From ?? p,
                Path = Append(episode.Path, new TrackPoint(t, p)),
                Fixes = episode.Fixes + 1,
                StillPlace = moved ? p : episode.StillPlace,
                StillHdop = moved ? hdop : episode.StillHdop,
                LastMovedUnixMs = moved ? t : episode.LastMovedUnixMs,
            };
            episode = EmitOpen(episode, emitted);
        }
        else if (fast)
        {
            episode = episode with { LastMovedUnixMs = t };
        }

        double limit = state.BoxAlarmActive ? Options.EndAfterStillWhileBoxAlarmSeconds : Options.EndAfterStillSeconds;
        return t - episode.LastMovedUnixMs >= Ms(limit)
            ? End(state, episode, episode.LastMovedUnixMs, episode.StillPlace, emitted, parkThere: true)
            : state with { Episode = episode };
    }

    private TowingState IgnitionComesOn(TowingState state, long t, ICollection<VehicleEvent> emitted)
    {
        if (state.Episode is TowingEpisode episode)
        {
            state = End(state, episode, t, state.LastPlace ?? episode.StillPlace, emitted, parkThere: false);
        }

        return state.IgnitionOn is true ? state : state with { IgnitionOn = true, Parked = null, SpeedRun = [], DisplacedRun = [], FarRun = [] };
    }

    private static TowingState IgnitionGoesOff(TowingState state) =>
        state.IgnitionOn is false ? state : state with { IgnitionOn = false, IgnitionOnByBox = false, Parked = null, SpeedRun = [], DisplacedRun = [], FarRun = [] };

    private TowingState End(TowingState state, TowingEpisode episode, long end, Place? to, ICollection<VehicleEvent> emitted, bool parkThere)
    {
        end = Math.Max(end, episode.StartUnixMs);
        if (episode.From is Place from)
        {
            emitted.Add(new TowingEvent(episode.StartUnixMs, end, from, to, [.. episode.Path], episode.RaisedByBox));
        }

        return state with
        {
            Episode = null,
            BoxAlarmActive = false,
            SpeedRun = [],
            DisplacedRun = [],
            FarRun = [],
            Parked = parkThere && to is Place stopped ? ParkedAnchor.Start(stopped, episode.StillHdop, end) : null,
        };
    }

    private static TowingEpisode EmitOpen(TowingEpisode episode, ICollection<VehicleEvent> emitted)
    {
        if (episode.Emitted || episode.From is not Place from)
        {
            return episode;
        }

        emitted.Add(new TowingEvent(episode.StartUnixMs, null, from, null, [.. episode.Path], episode.RaisedByBox));
        return episode with { Emitted = true };
    }

    /// <summary>The fixes of the evidence runs in time order (one fix may be in several).</summary>
    private static ImmutableArray<TrackPoint> Evidence(TowingState state) =>
        [.. state.SpeedRun.Concat(state.DisplacedRun).Concat(state.FarRun).DistinctBy(p => p.UnixMilliseconds).OrderBy(p => p.UnixMilliseconds)];

    private ImmutableArray<TrackPoint> Append(ImmutableArray<TrackPoint> path, TrackPoint point) =>
        PathThinning.Append(path, point, Options.MaxPathPoints, Options.MinPathSpacingMetres);

    private static bool Confirmed(ImmutableArray<TrackPoint> run, int fixes, double seconds) =>
        run.Length >= Math.Max(1, fixes) && run[^1].UnixMilliseconds - run[0].UnixMilliseconds >= Ms(seconds);

    private static long Ms(double seconds) => (long)(seconds * 1_000);
}
