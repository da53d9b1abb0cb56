using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Vehicles;

/// <summary>
/// The box's accelerometer on the simulated vehicle: it reports motion when the vehicle moves
/// (driven or towed) or its engine runs (vibration). A parked vehicle never moves in the simulation
/// (GNSS drift is the receiver's, not the car's), so a parked box is never woken for nothing.
/// </summary>
public sealed class VirtualMotionSensor(IVehicleSensors vehicle, MotionSensorOptions? options = null) : IMotionSensor
{
    private readonly MotionSensorOptions _options = options ?? new MotionSensorOptions();

    public bool TakeMotion()
    {
        VehicleState state = vehicle.Read();
        return state.EngineRunning || state.SpeedKmh >= _options.MovingKmh;
    }
}

/// <param name="MovingKmh">Speed above which the sensor's threshold is crossed. Default 1 km/h (a car being pushed or lifted).</param>
public sealed record MotionSensorOptions(double MovingKmh = 1);
