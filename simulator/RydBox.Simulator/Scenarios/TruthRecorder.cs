using RydBox.Firmware.Events;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Scenarios;

/// <summary>
/// Turns the vehicle's states, step by step, into ground truth: trips (ignition on to off), tows,
/// stretches without sky, low battery while parked, speeding, time inside each geofence.
/// </summary>
public sealed class TruthRecorder(ScenarioContext context)
{
    /// <summary>How far over the posted limit counts as speeding (0.1: more than 10 % over).</summary>
    public const double SpeedingMargin = 0.1;

    /// <summary>The box's own low-battery threshold, so that truth and the box agree on what "low" means.</summary>
    public static readonly double LowBatteryVolts = new LowBatteryOptions().LowMillivolts / 1000.0;

    private readonly Interval _noSky = new();
    private readonly Interval _lowBattery = new();
    private readonly Interval _speeding = new();
    private readonly Interval[] _inside = context.Fences.Select(_ => new Interval()).ToArray();
    private VehicleState? _previous;
    private TripInProgress? _trip;
    private TowInProgress? _tow;
    private double _speedingLimit;
    private double _speedingMax;
    private double _lowestVolts;

    public void Observe(VehicleState state, DriveProgress? progress)
    {
        long at = context.UnixMilliseconds(state.TimeMilliseconds);
        var position = new GeoPoint(state.Latitude, state.Longitude, state.AltitudeMetres);
        ObserveTrip(state, at, position);
        ObserveTow(state, at, position);
        if (_noSky.Ends(!state.SkyVisible, at, out long start))
        {
            context.Truth.Add(new NoSkyTruth(start, at));
        }

        if (!state.IgnitionOn && state.BatteryVolts < LowBatteryVolts)
        {
            _lowestVolts = _lowBattery.IsOpen ? Math.Min(_lowestVolts, state.BatteryVolts) : state.BatteryVolts;
        }

        if (_lowBattery.Ends(!state.IgnitionOn && state.BatteryVolts < LowBatteryVolts, at, out start))
        {
            context.Truth.Add(new LowBatteryTruth(start, at, Math.Round(_lowestVolts, 2)));
        }

        ObserveSpeeding(state, progress, at);
        for (int i = 0; i < _inside.Length; i++)
        {
            Geofence fence = context.Fences[i];
            if (_inside[i].Ends(fence.Contains(position), at, out start))
            {
                context.Truth.Add(new GeofenceTruth(start, at, fence.Name, fence.Centre, fence.RadiusMetres));
            }
        }

        _previous = state;
    }

    /// <summary>Closes whatever is still open at the end of the scenario, as of the last state seen.</summary>
    public void Finish()
    {
        if (_previous is not VehicleState last)
        {
            return;
        }

        Observe(last with { IgnitionOn = false, BeingTowed = false, SkyVisible = true, BatteryVolts = double.MaxValue, SpeedKmh = 0, Latitude = double.NaN }, null);
    }

    private void ObserveTrip(VehicleState state, long at, GeoPoint position)
    {
        if (state.IgnitionOn && _trip is null)
        {
            _trip = new TripInProgress(at, position, state.OdometerKm, state.FuelUsedLitres);
        }
        else if (_trip is not null && state.IgnitionOn)
        {
            _trip.MaxSpeedKmh = Math.Max(_trip.MaxSpeedKmh, state.SpeedKmh);
        }
        else if (_trip is not null && _previous is VehicleState last)
        {
            context.Truth.Add(new TripTruth(
                _trip.StartUnixMs, at, _trip.Start, new GeoPoint(last.Latitude, last.Longitude, last.AltitudeMetres),
                Math.Round(last.OdometerKm - _trip.StartOdometerKm, 3), Math.Round(_trip.MaxSpeedKmh, 1),
                Math.Round(last.FuelUsedLitres - _trip.StartFuelLitres, 3)));
            _trip = null;
        }
    }

    private void ObserveTow(VehicleState state, long at, GeoPoint position)
    {
        if (state.BeingTowed && _tow is null)
        {
            _tow = new TowInProgress(at, _previous is VehicleState before ? new GeoPoint(before.Latitude, before.Longitude, before.AltitudeMetres) : position) { Last = position };
        }
        else if (_tow is not null && state.BeingTowed)
        {
            _tow.Metres += GeoMath.DistanceMetres(_tow.Last, position);
            _tow.Last = position;
        }
        else if (_tow is not null)
        {
            context.Truth.Add(new TowTruth(_tow.StartUnixMs, at, _tow.From, _tow.Last, Math.Round(_tow.Metres / 1000, 3)));
            _tow = null;
        }
    }

    private void ObserveSpeeding(VehicleState state, DriveProgress? progress, long at)
    {
        double limit = progress is { IsTow: false, IsFinished: false } ? progress.Route.At(progress.DistanceMetres).SpeedLimitKmh : double.PositiveInfinity;
        bool over = state.SpeedKmh > limit * (1 + SpeedingMargin);
        if (over)
        {
            _speedingLimit = _speeding.IsOpen ? Math.Min(_speedingLimit, limit) : limit;
            _speedingMax = _speeding.IsOpen ? Math.Max(_speedingMax, state.SpeedKmh) : state.SpeedKmh;
        }

        if (_speeding.Ends(over, at, out long start))
        {
            context.Truth.Add(new SpeedingTruth(start, at, _speedingLimit, Math.Round(_speedingMax, 1)));
        }
    }

    /// <summary>A condition's stretches of time: opened when it becomes true, recorded when it ends.</summary>
    private sealed class Interval
    {
        private long _start;

        public bool IsOpen { get; private set; }

        /// <summary>Follows the condition; true, with the stretch's start, when a stretch has just ended at <paramref name="at"/>.</summary>
        public bool Ends(bool condition, long at, out long start)
        {
            start = _start;
            if (condition && !IsOpen)
            {
                IsOpen = true;
                _start = at;
            }
            else if (!condition && IsOpen)
            {
                IsOpen = false;
                return true;
            }

            return false;
        }
    }

    private sealed record TripInProgress(long StartUnixMs, GeoPoint Start, double StartOdometerKm, double StartFuelLitres)
    {
        public double MaxSpeedKmh { get; set; }
    }

    private sealed record TowInProgress(long StartUnixMs, GeoPoint From)
    {
        public GeoPoint Last { get; set; }

        public double Metres { get; set; }
    }
}
