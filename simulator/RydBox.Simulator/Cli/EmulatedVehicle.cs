using RydBox.Firmware.Hardware;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Cli;

/// <summary>The vehicle `rydbox-sim elm327` serves, everything about it following from the seed.</summary>
internal static class EmulatedVehicle
{
    public static (IVehicleSensors Sensors, VehicleIdentity Identity) Create(int seed, IClock clock)
    {
        var random = new Random(seed);
        VehicleIdentity identity = VehicleIdentity.Generate(random);

        // Until the physics is merged: parked with the engine idling (see IdlingVehicle).
        return (new IdlingVehicle(IdlingVehicle.Draw(random), clock), identity);
    }
}
