using RydBox.Firmware.Hardware;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Boxes;

/// <summary>The board's own ADC on OBD pin 16, as a CAN-connected box has it: the vehicle's battery voltage, readable while the ECUs sleep.</summary>
public sealed class VehicleSupplyVoltage(IVehicleSensors vehicle) : ISupplyVoltage
{
    public bool TryReadMillivolts(out int millivolts)
    {
        millivolts = (int)Math.Round(vehicle.Read().BatteryVolts * 1000);
        return true;
    }
}
