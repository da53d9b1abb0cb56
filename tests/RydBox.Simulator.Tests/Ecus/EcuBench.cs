using RydBox.Firmware.Can;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Ecus;

/// <summary>The virtual ECUs on a virtual bus, with the firmware's direct-CAN stack as the tester.</summary>
public sealed class EcuBench : IDisposable
{
    public static readonly VehicleIdentity Identity = VehicleIdentity.Generate(new Random(5));

    private readonly CanBusEndpoint _port;

    public EcuBench(VehicleState state, CanObdOptions? options = null)
    {
        Vehicle = new TestVehicle(state);
        Ecus = new VirtualEcus(Vehicle, Identity);
        Bus = Ecus.CreateBus(Clock);
        Bus.Attach(Monitor);
        _port = Bus.OpenEndpoint();
        Transport = new CanObdTransport(_port, Clock, options ?? new CanObdOptions());
        Service = new ObdService(Transport);
    }

    public TestClock Clock { get; } = new();

    public TestVehicle Vehicle { get; }

    public VirtualEcus Ecus { get; }

    public VirtualCanBus Bus { get; }

    public BusMonitor Monitor { get; } = new();

    public CanObdTransport Transport { get; }

    public ObdService Service { get; }

    /// <summary>Sends one request and returns every ECU's answer.</summary>
    public ObdResponseSet Request(uint target, params byte[] request)
    {
        var responses = new ObdResponseSet();
        Transport.Request(target, request, request.Length, 0, responses);
        return responses;
    }

    public void Dispose() => _port.Dispose();
}
