using RydBox.Firmware.Hardware;
using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Vehicles;

/// <summary>
/// The box's accelerometer on the simulated vehicle, latched like a real sensor's wake-up
/// interrupt: it reports motion when, since the last look, the vehicle moved (driven or towed) or
/// its engine ran (vibration), even if it stands still again by now. It reads the vehicle's true
/// state, not the GNSS receiver's, so a parked vehicle, which never moves in the simulation, never
/// wakes its box for nothing however its fixes drift. Deterministic: it compares states.
/// </summary>
public sealed class VirtualMotionSensor(IVehicleSensors vehicle, MotionSensorOptions? options = null) : IMotionSensor
{
    private readonly MotionSensorOptions _options = options ?? new MotionSensorOptions();
    private VehicleState? _lastLook;

    public bool TakeMotion()
    {
        VehicleState now = vehicle.Read();
        VehicleState? before = _lastLook;
        _lastLook = now;
        return now.EngineRunning
            || now.SpeedKmh >= _options.MovingKmh
            || (before is not null && (now.FuelUsedLitres > before.FuelUsedLitres || MovedMetres(before, now) >= _options.MovedMetres));
    }

    private static double MovedMetres(VehicleState from, VehicleState to) =>
        GeoMath.DistanceMetres(new GeoPoint(from.Latitude, from.Longitude), new GeoPoint(to.Latitude, to.Longitude));
}

/// <param name="MovingKmh">Speed at which the sensor's threshold is crossed. Default 1 km/h (a car being pushed or lifted).</param>
/// <param name="MovedMetres">
/// Distance moved since the last look that counts as motion although the vehicle stands still now
/// (a short push, a tow that ended between looks). Default 0.5 m.
/// </param>
public sealed record MotionSensorOptions(double MovingKmh = 1, double MovedMetres = 0.5);
