using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Scenarios;

/// <summary>A named scenario: what it shows and how to make it concrete for one vehicle.</summary>
public sealed record ScenarioDefinition(string Name, string Description, Func<ScenarioWorld, Random, ScenarioPlan> Plan);

/// <summary>
/// The built-in scenarios. Each draws the vehicle's places and timings from the random it is given
/// (seeded per vehicle), so a seed always tells the same story.
/// </summary>
public static class ScenarioCatalog
{
    /// <summary>Radius of the home and work geofences, m.</summary>
    public const double GeofenceRadiusMetres = 300;

    /// <summary>How fast the speeding scenario's driver goes, as a share of the posted limit.</summary>
    public const double SpeedingFactor = 1.3;

    /// <summary>Towing speed, km/h: a tow truck in town.</summary>
    public const double TowSpeedKmh = 40;

    /// <summary>The drain in the low-battery scenario, A: a light left on or a module that does not sleep.</summary>
    public const double LowBatteryDrainAmps = 8;

    /// <summary>The trouble code that appears in the DTC scenario: cylinder 1 misfire.</summary>
    public const string MisfireCode = "P0301";

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        new("commute", "home to work, parked at work, back home", Commute),
        new("overnight", "parked ten hours in the open: GNSS drift, no movement", Overnight),
        new("towed", "parked, then carried away on a tow truck with the ignition off", Towed),
        new("tunnel", "a drive through the motorway tunnel: no GNSS fix for a while", Tunnel),
        new("outage", "a drive with ten minutes of no network: the box stores and forwards", Outage),
        new("dtc", "a misfire trouble code appears during a drive", Dtc),
        new("low-battery", "parked with a drain on the battery until it runs low", LowBattery),
        new("speeding", $"the motorway at {SpeedingFactor:0.0} times the limit", Speeding),
        new("geofence", "leaves the home geofence and enters the work geofence", Geofences),
    ];

    public static ScenarioDefinition? Find(string name) => All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static ScenarioPlan Commute(ScenarioWorld world, Random random)
    {
        (int home, int work) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 3, 8))
            .StartEngine(Idle).Drive(world.RouteBetween(home, work))
            .Park(Minutes(random, 30, 60))
            .StartEngine(Idle).Drive(world.RouteBetween(work, home))
            .Park(Minutes(random, 10, 15));
        return new ScenarioPlan("commute", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Overnight(ScenarioWorld world, Random random)
    {
        (int home, _) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder().Park(TimeSpan.FromHours(10) + Minutes(random, 0, 30));
        return new ScenarioPlan("overnight", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Towed(ScenarioWorld world, Random random)
    {
        (int home, int elsewhere) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 15, 30))
            .Tow(world.RouteBetween(home, elsewhere), TowSpeedKmh)
            .Park(Minutes(random, 20, 40));
        return new ScenarioPlan("towed", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Tunnel(ScenarioWorld world, Random random)
    {
        NamedPlaces places = world.Places;
        int home = world.DrawHomeAwayFrom(random, places.TunnelStart);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 2, 5))
            .StartEngine(Idle).Drive(world.RouteBetween(home, places.TunnelStart)).Drive(world.RouteBetween(places.TunnelStart, places.TunnelEnd))
            .Park(Minutes(random, 10, 15));
        return new ScenarioPlan("tunnel", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Outage(ScenarioWorld world, Random random)
    {
        (int home, int work) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 2, 5))
            .Outage(Minutes(random, 3, 5), TimeSpan.FromMinutes(10))
            .StartEngine(Idle).Drive(world.RouteBetween(home, work))
            .Park(Minutes(random, 20, 30));
        return new ScenarioPlan("outage", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Dtc(ScenarioWorld world, Random random)
    {
        (int home, int work) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 2, 5))
            .After(Minutes(random, 3, 6), "set a misfire code", (context, now) =>
            {
                context.Ecus.Engine.Dtcs.SetStored(MisfireCode);
                context.Truth.Add(new DtcTruth(context.UnixMilliseconds(now), MisfireCode, Cleared: false));
            })
            .StartEngine(Idle).Drive(world.RouteBetween(home, work))
            .Park(Minutes(random, 15, 20));
        return new ScenarioPlan("dtc", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan LowBattery(ScenarioWorld world, Random random)
    {
        (int home, _) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 5, 10))
            .Do("leave a light on", (context, _) => context.Vehicle.DrainBattery(LowBatteryDrainAmps))
            .Park(TimeSpan.FromHours(6));
        return new ScenarioPlan("low-battery", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Speeding(ScenarioWorld world, Random random)
    {
        NamedPlaces places = world.Places;
        int home = world.DrawHomeAwayFrom(random, places.MotorwayStart);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 2, 5))
            .StartEngine(Idle).Drive(world.RouteBetween(home, places.MotorwayStart))
            .Drive(world.RouteBetween(places.MotorwayStart, places.MotorwayEnd), SpeedingFactor)
            .Park(Minutes(random, 10, 15));
        return new ScenarioPlan("speeding", world.PositionOf(home), script.Steps, []);
    }

    private static ScenarioPlan Geofences(ScenarioWorld world, Random random)
    {
        (int home, int work) = world.DrawHomeAndWork(random);
        var script = new ScriptBuilder()
            .Park(Minutes(random, 5, 10))
            .StartEngine(Idle).Drive(world.RouteBetween(home, work))
            .Park(Minutes(random, 15, 20));
        Geofence[] fences = [new("home", world.PositionOf(home), GeofenceRadiusMetres), new("work", world.PositionOf(work), GeofenceRadiusMetres)];
        return new ScenarioPlan("geofence", world.PositionOf(home), script.Steps, fences);
    }

    private static TimeSpan Minutes(Random random, int least, int most) => TimeSpan.FromSeconds(random.Next(least * 60, most * 60 + 1));
}
