using RydBox.Firmware.Hardware;
using RydBox.Simulator.Ecus;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// A vehicle's ECUs behind as many emulated ELM327 adapters as clients connect. Each adapter sits
/// on a bus of its own, so clients never see each other's traffic, while the vehicle, its state and
/// its trouble codes are shared (one client's mode 04 clears the codes for all).
/// </summary>
public sealed class Elm327Emulator(VirtualEcus ecus, IClock clock, Elm327Options options)
{
    public Elm327Options Options => options;

    /// <summary>A freshly powered adapter (defaults, protocol not yet found) plugged into its own bus.</summary>
    public Elm327Interpreter NewAdapter() => new(options, ecus.CreateBus(clock), ecus.Sensors);
}
