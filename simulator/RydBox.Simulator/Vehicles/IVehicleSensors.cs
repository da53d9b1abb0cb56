namespace RydBox.Simulator.Vehicles;

/// <summary>
/// A vehicle as its sensors see it now. The implementation knows its own clock (accelerated or
/// stepped), so readers — virtual ECUs, the GNSS model — never pass a time.
/// </summary>
public interface IVehicleSensors
{
    /// <summary>The state at the current simulation time, the physics advanced to it first.</summary>
    VehicleState Read();
}
