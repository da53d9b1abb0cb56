using RydBox.Firmware.Hardware;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// The virtual vehicle's emission-related ECUs, engine (7E0/7E8) and transmission (7E1/7E9),
/// reading one vehicle's sensors. They can sit on several buses at once (one per ELM327 client),
/// sharing their trouble codes.
/// </summary>
public sealed class VirtualEcus
{
    public VirtualEcus(IVehicleSensors sensors, VehicleIdentity identity)
    {
        Sensors = sensors;
        Identity = identity;
        Engine = new VirtualEcu(EcuProfiles.Engine(identity.Vin), sensors);
        Transmission = new VirtualEcu(EcuProfiles.Transmission(), sensors);
    }

    public IVehicleSensors Sensors { get; }

    public VehicleIdentity Identity { get; }

    public VirtualEcu Engine { get; }

    public VirtualEcu Transmission { get; }

    public IReadOnlyList<VirtualEcu> All => [Engine, Transmission];

    public void AttachTo(VirtualCanBus bus)
    {
        foreach (VirtualEcu ecu in All)
        {
            bus.Attach(new EcuCanNode(ecu, bus));
        }
    }

    /// <summary>A new 500 kbit/s bus with these ECUs on it.</summary>
    public VirtualCanBus CreateBus(IClock clock)
    {
        var bus = new VirtualCanBus(clock);
        AttachTo(bus);
        return bus;
    }
}
