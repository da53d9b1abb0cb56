using System.Net;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Elm327;
using RydBox.Simulator.Tests.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>A test vehicle's ECUs behind the ELM327 emulator.</summary>
public sealed class EmulatorBench
{
    /// <summary>The defaults, but a failed protocol search gives up at once.</summary>
    public static readonly Elm327Options QuickSearch = new() { SearchSucceedsAfterMs = 0, SearchFailsAfterMs = 20 };

    public EmulatorBench(VehicleState state, Elm327Options? options = null)
    {
        Vehicle = new TestVehicle(state);
        Ecus = new VirtualEcus(Vehicle, EcuBench.Identity);
        Emulator = new Elm327Emulator(Ecus, Clock, options ?? QuickSearch);
    }

    public TestClock Clock { get; } = new();

    public TestVehicle Vehicle { get; }

    public VirtualEcus Ecus { get; }

    public Elm327Emulator Emulator { get; }

    public RecordingLogger Log { get; } = new();

    public Elm327TcpServer ServeTcp() => new(Emulator, new IPEndPoint(IPAddress.Loopback, 0), Log);

    public Elm327PtyServer ServePseudoTerminal() => new(Emulator, Log);
}
