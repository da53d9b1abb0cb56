using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Vehicles;

/// <summary>
/// The fastest speed a vehicle may have at each point of a route so that, braking at the planning
/// deceleration, it meets every lower limit, curve and stop ahead: computed backwards from the
/// route's end once per drive, so each time step only looks at the next point.
/// </summary>
internal sealed class SpeedPlan
{
    private readonly double[] _cruise;
    private readonly double[] _atPoint;

    /// <param name="cruiseKmh">Wanted speed on the stretch starting at each point.</param>
    /// <param name="stops">Points where the vehicle must come to a halt (the last point always).</param>
    public SpeedPlan(Route route, Func<int, double> cruiseKmh, IReadOnlySet<int> stops, double planningBraking, DriverOptions driver)
    {
        int n = route.Points.Count;
        PlanningBraking = planningBraking;
        _cruise = new double[n - 1];
        for (int i = 0; i < n - 1; i++)
        {
            _cruise[i] = cruiseKmh(i) / 3.6;
        }

        _atPoint = new double[n];
        double minTurn = driver.MinTurnSpeedKmh / 3.6;
        for (int i = n - 2; i >= 1; i--)
        {
            double cap = Math.Min(_cruise[i - 1], _cruise[i]);
            double turn = Math.Max(minTurn, TurnSpeed(route, i, driver.LateralAccelerationMs2));
            double braking = Math.Sqrt(_atPoint[i + 1] * _atPoint[i + 1] + 2 * planningBraking * route.SegmentLength(i));
            _atPoint[i] = stops.Contains(i) ? 0 : Math.Min(Math.Min(cap, turn), braking);
        }

        _atPoint[0] = Math.Min(_cruise[0], Math.Sqrt(_atPoint[1] * _atPoint[1] + 2 * planningBraking * route.SegmentLength(0)));
    }

    public double PlanningBraking { get; }

    /// <summary>Wanted speed on the stretch starting at <paramref name="segment"/>, m/s.</summary>
    public double Cruise(int segment) => _cruise[segment];

    /// <summary>Fastest allowed speed when passing <paramref name="point"/>, m/s.</summary>
    public double AtPoint(int point) => _atPoint[point];

    /// <summary>
    /// Speed for a turn at point <paramref name="i"/>: the two stretches meeting there are taken as
    /// tangents of an arc as long as the shorter one, radius = length / turn angle.
    /// </summary>
    private static double TurnSpeed(Route route, int i, double lateralAcceleration)
    {
        double angle = Math.Abs(GeoMath.TurnDegrees(route.SegmentHeading(i - 1), route.SegmentHeading(i))) * Math.PI / 180;
        if (angle < 1e-6)
        {
            return double.PositiveInfinity;
        }

        double radius = Math.Min(route.SegmentLength(i - 1), route.SegmentLength(i)) / angle;
        return Math.Sqrt(lateralAcceleration * radius);
    }
}
