using RydBox.Firmware.Hardware;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Scenarios;

/// <summary>
/// A scenario playing on one vehicle: the vehicle's sensors as the box sees them. Every read first
/// advances the physics step by step to the clock's time, giving the script each step boundary
/// to act on and the truth recorder each state, so what happens depends on the seed alone, not
/// on when or how often the ECUs and the GNSS receiver look.
/// </summary>
public sealed class ScenarioRun : IVehicleSensors
{
    /// <summary>How long before a hold ends the clock slows down again, so that what follows is watched at the active pace.</summary>
    public const long QuietMarginMilliseconds = 120_000;

    private readonly object _gate = new();
    private readonly ScenarioContext _context;
    private readonly IReadOnlyList<ScenarioStep> _steps;
    private readonly IClock _clock;
    private readonly TruthRecorder _truth;
    private int _current;

    /// <param name="truth">Where the run records what happens (device id, scenario name and seed).</param>
    /// <param name="startUnixMilliseconds">Calendar time at simulation time 0, for the truth's timestamps.</param>
    public ScenarioRun(ScenarioPlan plan, SimulatedVehicle vehicle, VehicleIdentity identity, GroundTruth truth, IClock clock, long startUnixMilliseconds)
    {
        Ecus = new VirtualEcus(this, identity);
        _context = new ScenarioContext(vehicle, Ecus, Outages, truth, startUnixMilliseconds, plan.Fences);
        _steps = plan.Steps;
        _clock = clock;
        _truth = new TruthRecorder(_context);
        EstimatedMilliseconds = _steps.Sum(s => s.EstimatedMilliseconds);
    }

    public ScenarioContext Context => _context;

    /// <summary>The vehicle's engine and transmission ECUs, reading it through this run.</summary>
    public VirtualEcus Ecus { get; }

    /// <summary>When the box has no network, as the script decides.</summary>
    public NetworkOutages Outages { get; } = new();

    public GroundTruth Truth => _context.Truth;

    /// <summary>The script's length as far as it can be told in advance (holds and drives at an average pace).</summary>
    public long EstimatedMilliseconds { get; }

    /// <summary>Every step done; the truth is closed and the vehicle stays as it was left.</summary>
    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _current >= _steps.Count;
            }
        }
    }

    /// <summary>
    /// While the vehicle stands parked in a hold with more than <see cref="QuietMarginMilliseconds"/>
    /// left: the simulation time until which nothing needs watching closely, so that the clock may
    /// run fast until then. Null otherwise.
    /// </summary>
    public long? QuietUntil
    {
        get
        {
            lock (_gate)
            {
                if (_current >= _steps.Count)
                {
                    return null;
                }

                VehicleState state = _context.Vehicle.State;
                return _steps[_current] is HoldStep { Until: long until }
                    && until - state.TimeMilliseconds > QuietMarginMilliseconds
                    && !state.IgnitionOn && !state.BeingTowed
                    ? until - QuietMarginMilliseconds
                    : null;
            }
        }
    }

    public VehicleState Read()
    {
        lock (_gate)
        {
            SimulatedVehicle vehicle = _context.Vehicle;
            long target = _clock.NowMilliseconds;
            while (_current < _steps.Count && vehicle.TimeMilliseconds + SimulatedVehicle.StepMilliseconds <= target)
            {
                long now = vehicle.TimeMilliseconds;
                _context.RunDue(now);
                while (_current < _steps.Count && _steps[_current].Advance(_context, now))
                {
                    _current++;
                }

                VehicleState state = vehicle.AdvanceTo(now + SimulatedVehicle.StepMilliseconds);
                _truth.Observe(state, vehicle.Progress);
                if (_current >= _steps.Count)
                {
                    _truth.Finish();
                }
            }

            // After the script the vehicle stays as it was left, and the truth is closed.
            vehicle.AdvanceTo(target);
            return vehicle.State;
        }
    }
}
