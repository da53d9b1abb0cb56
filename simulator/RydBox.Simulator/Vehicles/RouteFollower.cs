using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Vehicles;

/// <summary>
/// A vehicle's progress along a route under its <see cref="SpeedPlan"/>: chooses the acceleration
/// each step (cruise toward the wanted speed, brake along the plan for what lies ahead), halts at
/// the stops, waits there, and finishes at the route's end. Used for driving and for being towed.
/// </summary>
internal sealed class RouteFollower
{
    private const double ArrivalMetres = 0.5;

    private readonly SpeedPlan _plan;
    private readonly int[] _stops;
    private readonly Queue<double> _waits;
    private readonly double _responseSeconds;
    private int _nextStop;
    private double _waitLeft;

    /// <param name="stops">Points to halt at in route order; the route's last point must be among them.</param>
    /// <param name="waitsSeconds">How long to wait at each stop but the last, in the same order.</param>
    public RouteFollower(Route route, SpeedPlan plan, IReadOnlyList<int> stops, IEnumerable<double> waitsSeconds, double responseSeconds, bool isTow, double speedingFactor)
    {
        Route = route;
        _plan = plan;
        _stops = [.. stops];
        _waits = new Queue<double>(waitsSeconds);
        _responseSeconds = responseSeconds;
        IsTow = isTow;
        SpeedingFactor = speedingFactor;
        Position = route.At(0);
    }

    public Route Route { get; }

    public bool IsTow { get; }

    public double SpeedingFactor { get; }

    public double DistanceMetres { get; private set; }

    public double SpeedMs { get; private set; }

    public RoutePosition Position { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>
    /// The acceleration the driver wants now, before the engine's limits, m/s²: braking along the
    /// plan when faster than it allows for the next point, else closing the gap to the wanted speed.
    /// 0 while waiting or finished.
    /// </summary>
    public double WantedAcceleration(double dt)
    {
        if (IsFinished || _waitLeft > 0)
        {
            return 0;
        }

        int next = Position.SegmentIndex + 1;
        double toNext = Route.Distances[next] - DistanceMetres;
        double v = SpeedMs;
        double nextSpeed = _plan.AtPoint(next);
        double planned = Math.Sqrt(nextSpeed * nextSpeed + 2 * _plan.PlanningBraking * toNext);
        return v > planned
            ? (nextSpeed * nextSpeed - v * v) / (2 * Math.Max(toNext, 1e-3))
            : (Math.Min(_plan.Cruise(Position.SegmentIndex), planned) - v) / Math.Max(_responseSeconds, dt);
    }

    /// <summary>
    /// Moves one step of <paramref name="dt"/> seconds; acceleration within
    /// [-<paramref name="maxBraking"/>, <paramref name="maxAcceleration"/>]. Returns the distance moved.
    /// </summary>
    public double Step(double dt, double maxAcceleration, double maxBraking)
    {
        if (IsFinished)
        {
            return 0;
        }

        if (_waitLeft > 0)
        {
            _waitLeft -= dt;
            return 0;
        }

        int segment = Position.SegmentIndex;
        double v = SpeedMs;
        double a = Math.Clamp(WantedAcceleration(dt), -maxBraking, Math.Max(0, maxAcceleration));

        double moved;
        if (a < 0 && v + a * dt <= 0)
        {
            moved = v * v / (-2 * a);
            v = 0;
        }
        else
        {
            moved = v * dt + 0.5 * a * dt * dt;
            v += a * dt;
        }

        double stopAt = Route.Distances[_stops[_nextStop]];
        if (DistanceMetres + moved >= stopAt || (v == 0 && stopAt - DistanceMetres - moved < ArrivalMetres))
        {
            moved = stopAt - DistanceMetres;
            v = 0;
            ArriveAtStop();
        }

        DistanceMetres += moved;
        SpeedMs = v;
        Position = Route.At(DistanceMetres, segment);
        return moved;
    }

    private void ArriveAtStop()
    {
        _nextStop++;
        if (_nextStop == _stops.Length)
        {
            IsFinished = true;
            return;
        }

        _waitLeft = _waits.Dequeue();
    }
}
