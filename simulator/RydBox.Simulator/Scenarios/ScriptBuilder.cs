using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Scenarios;

/// <summary>Writes a scenario's script the way one would tell it: park, start, drive there, park, get towed.</summary>
public sealed class ScriptBuilder
{
    private readonly List<ScenarioStep> _steps = [];

    public IReadOnlyList<ScenarioStep> Steps => _steps;

    /// <summary>Engine and ignition off for <paramref name="duration"/>, in the open or under a roof.</summary>
    public ScriptBuilder Park(TimeSpan duration, bool underRoof = false) =>
        Do(underRoof ? "park under a roof" : "park", (context, _) => context.Vehicle.Park(underRoof)).Hold(duration);

    /// <summary>Starts the engine and lets it idle for <paramref name="idle"/> before moving off.</summary>
    public ScriptBuilder StartEngine(TimeSpan idle) => Do("start the engine", (context, _) => context.Vehicle.StartEngine()).Hold(idle);

    public ScriptBuilder Drive(Route route, double speedingFactor = 1) => Add(new RouteStep(route, speedingFactor, null));

    public ScriptBuilder Tow(Route route, double speedKmh) => Add(new RouteStep(route, 1, speedKmh));

    public ScriptBuilder Hold(TimeSpan duration) => Add(new HoldStep(duration));

    public ScriptBuilder Do(string description, Action<ScenarioContext, long> action) => Add(new ActionStep(description, action));

    /// <summary>Schedules <paramref name="action"/> <paramref name="delay"/> after this point of the script, while the next steps go on.</summary>
    public ScriptBuilder After(TimeSpan delay, string description, Action<ScenarioContext, long> action) =>
        Do(description, (context, now) => context.Schedule(now + (long)delay.TotalMilliseconds, action));

    /// <summary>No network for the box from <paramref name="delay"/> after this point, for <paramref name="duration"/>.</summary>
    public ScriptBuilder Outage(TimeSpan delay, TimeSpan duration) => Do("cut the network", (context, now) =>
    {
        long from = now + (long)delay.TotalMilliseconds;
        long to = from + (long)duration.TotalMilliseconds;
        context.Outages.Add(from, to);
        context.Truth.Add(new OutageTruth(context.UnixMilliseconds(from), context.UnixMilliseconds(to)));
    });

    private ScriptBuilder Add(ScenarioStep step)
    {
        _steps.Add(step);
        return this;
    }
}
