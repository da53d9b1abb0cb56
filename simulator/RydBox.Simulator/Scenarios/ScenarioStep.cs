namespace RydBox.Simulator.Scenarios;

/// <summary>
/// One step of a scenario's script, given the simulation time before every physics step until it
/// says it is done; steps therefore act at exact step boundaries, whoever reads the vehicle and
/// however often, which keeps a scenario deterministic from its seed.
/// </summary>
public abstract class ScenarioStep
{
    /// <summary>Does the step's work for time <paramref name="now"/>; true when it is complete and the next step may begin.</summary>
    public abstract bool Advance(ScenarioContext context, long now);

    /// <summary>Simulated time the step takes at least (for progress estimates); 0 when unknown.</summary>
    public virtual long EstimatedMilliseconds => 0;
}

/// <summary>Does something once and moves on: start the engine, park, set a trouble code, cut the network.</summary>
public sealed class ActionStep(string description, Action<ScenarioContext, long> action) : ScenarioStep
{
    public string Description => description;

    public override bool Advance(ScenarioContext context, long now)
    {
        action(context, now);
        return true;
    }

    public override string ToString() => description;
}

/// <summary>Lets time pass: parked, idling, at work.</summary>
public sealed class HoldStep(TimeSpan duration) : ScenarioStep
{
    private long? _until;

    public override long EstimatedMilliseconds => (long)duration.TotalMilliseconds;

    /// <summary>When the hold ends; null until it has begun.</summary>
    public long? Until => _until;

    public override bool Advance(ScenarioContext context, long now)
    {
        _until ??= now + (long)duration.TotalMilliseconds;
        return now >= _until;
    }
}

/// <summary>Drives a route (or is towed along it) to its end.</summary>
public sealed class RouteStep(Routes.Route route, double speedingFactor, double? towSpeedKmh) : ScenarioStep
{
    private bool _started;

    public override long EstimatedMilliseconds => (long)(route.LengthMetres / ((towSpeedKmh ?? 60) / 3.6) * 1000);

    public override bool Advance(ScenarioContext context, long now)
    {
        if (!_started)
        {
            if (towSpeedKmh is double speed)
            {
                context.Vehicle.Tow(route, speed);
            }
            else
            {
                context.Vehicle.Drive(route, speedingFactor);
            }

            _started = true;
        }

        return !context.Vehicle.IsDriving && !context.Vehicle.IsBeingTowed;
    }
}
