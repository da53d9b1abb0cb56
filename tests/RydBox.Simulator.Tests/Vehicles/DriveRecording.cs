using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Vehicles;

/// <summary>Every state of a vehicle, step by step, with how far along its route it was.</summary>
public sealed class DriveRecording
{
    private readonly SimulatedVehicle _vehicle;

    public DriveRecording(SimulatedVehicle vehicle) => _vehicle = vehicle;

    public List<VehicleState> States { get; } = [];

    /// <summary>Distance along the current route at each state (0 when there is none).</summary>
    public List<double> Distances { get; } = [];

    /// <summary>Records every step for <paramref name="milliseconds"/>.</summary>
    public void For(long milliseconds)
    {
        long until = _vehicle.TimeMilliseconds + milliseconds;
        while (_vehicle.TimeMilliseconds < until)
        {
            RecordStep();
        }
    }

    /// <summary>Records every step until the drive or tow has finished; fails after <paramref name="limitMs"/>.</summary>
    public void UntilArrived(long limitMs = 4 * 3_600_000)
    {
        long until = _vehicle.TimeMilliseconds + limitMs;
        while (_vehicle.IsDriving || _vehicle.IsBeingTowed)
        {
            _vehicle.TimeMilliseconds.Should().BeLessThan(until, "the drive should finish");
            RecordStep();
        }
    }

    /// <summary>Starts the engine, waits two seconds, drives the route to its end and records all of it.</summary>
    public static DriveRecording Drive(SimulatedVehicle vehicle, Route route, double speedingFactor = 1)
    {
        var recording = new DriveRecording(vehicle);
        recording.RecordStep();
        vehicle.StartEngine();
        recording.For(2_000);
        vehicle.Drive(route, speedingFactor);
        recording.UntilArrived();
        return recording;
    }

    private void RecordStep()
    {
        States.Add(_vehicle.AdvanceTo(_vehicle.TimeMilliseconds + SimulatedVehicle.StepMilliseconds));
        Distances.Add(_vehicle.Progress?.DistanceMetres ?? 0);
    }
}
