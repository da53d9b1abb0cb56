using RydBox.Simulator.Ecus;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Cli;

/// <summary>
/// The vehicle `rydbox-sim elm327` serves, everything about it following from the seed: it starts
/// its engine and drives back and forth between home and work with the engine running
/// throughout, so that an OBD app connected to it sees every value move and never finds the ECUs asleep.
/// </summary>
internal static class EmulatedVehicle
{
    /// <summary>Round trips before the vehicle stops for good (some days of real time).</summary>
    public const int RoundTrips = 200;

    /// <summary>The engine idles this long after the emulator starts before the first drive.</summary>
    public static readonly TimeSpan IdleBeforeDriving = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PauseAtEnds = TimeSpan.FromMinutes(1);

    public static ScenarioRun Create(int seed, SimulationClock clock)
    {
        var random = new Random(seed);
        VehicleIdentity identity = VehicleIdentity.Generate(random);
        var world = new ScenarioWorld(seed);
        (int home, int work) = world.DrawHomeAndWork(random);
        Route there = world.RouteBetween(home, work);
        Route back = world.RouteBetween(work, home);
        var script = new ScriptBuilder().StartEngine(IdleBeforeDriving);
        for (int trip = 0; trip < RoundTrips; trip++)
        {
            script.Drive(there).Hold(PauseAtEnds).Drive(back).Hold(PauseAtEnds);
        }

        var plan = new ScenarioPlan("elm327", world.PositionOf(home), script.Steps, []);
        return new ScenarioRun(
            plan, new SimulatedVehicle(random.Next(), plan.Start), identity, new GroundTruth("elm327", plan.Name, seed), clock, clock.StartUnixMilliseconds);
    }
}
