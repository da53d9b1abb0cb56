using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Vehicles;

/// <summary>
/// The sensors of a <see cref="SimulatedVehicle"/> on a simulation clock: each read first advances
/// the vehicle to the clock's time. Safe to read from several threads (the vehicle serialises them).
/// </summary>
public sealed class ClockedVehicleSensors(SimulatedVehicle vehicle, IClock clock) : IVehicleSensors
{
    public SimulatedVehicle Vehicle => vehicle;

    public VehicleState Read() => vehicle.AdvanceTo(clock.NowMilliseconds);
}
