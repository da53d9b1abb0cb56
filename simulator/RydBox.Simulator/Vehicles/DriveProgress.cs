using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Vehicles;

/// <summary>How far the vehicle's latest drive (or tow) along a route has come.</summary>
/// <param name="FinishedAtMilliseconds">Simulation time the vehicle came to rest at the route's end; null while under way.</param>
public sealed record DriveProgress(Route Route, double DistanceMetres, bool IsTow, double SpeedingFactor, long? FinishedAtMilliseconds)
{
    public bool IsFinished => FinishedAtMilliseconds != null;
}
