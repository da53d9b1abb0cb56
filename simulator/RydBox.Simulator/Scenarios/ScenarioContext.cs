using RydBox.Simulator.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Scenarios;

/// <summary>What a scenario's steps act on: the vehicle, its ECUs (trouble codes), the box's network, and the truth they leave.</summary>
public sealed class ScenarioContext(
    SimulatedVehicle vehicle, VirtualEcus ecus, NetworkOutages outages, GroundTruth truth, long startUnixMilliseconds, IReadOnlyList<Geofence> fences)
{
    public SimulatedVehicle Vehicle => vehicle;

    public VirtualEcus Ecus => ecus;

    public NetworkOutages Outages => outages;

    public GroundTruth Truth => truth;

    public IReadOnlyList<Geofence> Fences => fences;

    private readonly List<(long At, Action<ScenarioContext, long> Action)> _scheduled = [];

    /// <summary>Runs <paramref name="action"/> at simulation time <paramref name="at"/>, whatever step the script is on (a trouble code appearing mid-drive).</summary>
    public void Schedule(long at, Action<ScenarioContext, long> action) => _scheduled.Add((at, action));

    /// <summary>Runs the scheduled actions that are due at <paramref name="now"/>.</summary>
    internal void RunDue(long now)
    {
        for (int i = 0; i < _scheduled.Count; i++)
        {
            if (_scheduled[i].At <= now)
            {
                (long _, Action<ScenarioContext, long> action) = _scheduled[i];
                _scheduled.RemoveAt(i--);
                action(this, now);
            }
        }
    }

    /// <summary>Calendar time of simulation time <paramref name="simulationMilliseconds"/>.</summary>
    public long UnixMilliseconds(long simulationMilliseconds) => startUnixMilliseconds + simulationMilliseconds;
}
