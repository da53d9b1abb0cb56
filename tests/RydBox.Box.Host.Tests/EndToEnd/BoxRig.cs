using RydBox.Box.Host.Mqtt;
using RydBox.Box.Host.Storage;
using RydBox.Box.Host.Tests.Uplink;
using RydBox.Box.Host.Transports;
using RydBox.Firmware.Box;
using RydBox.Firmware.Provisioning;
using RydBox.Testing.Brokers;
using RydBox.Testing.Elm327;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>
/// A whole box in the test process: the firmware's <see cref="BoxRuntime"/> with a scripted ELM327
/// over a real TCP socket, a real outbox directory and MQTTnet to a real broker. Time jumps over
/// the waits between cycles; everything else (requests, publishing, acknowledgements) is real.
/// </summary>
public sealed class BoxRig : IDisposable
{
    private readonly ScriptedAdapterServer _adapter;
    private readonly TcpByteStream _adapterStream;
    private readonly MqttNetLink _link;

    public BoxRig(ITestBroker broker, string outboxDirectory, JumpingClock clock, int? outboxCapacityBytes = null)
    {
        Clock = clock;
        var vehicle = ScriptedVehicle.Typical();
        vehicle.Ecus[0x7E8].Mode01[0x0D] = [0x32];   // 50 km/h: driving, sampled every second
        vehicle.Ecus[0x7E8].Raw["04"] = [0x44];      // clearing trouble codes is acknowledged
        _adapter = ScriptedAdapterServer.OnTcp(new ScriptedElm327(vehicle) { SupplyVoltage = "14.1V" });
        AdapterAddress address = AdapterAddress.Parse(_adapter.Address);
        _adapterStream = new TcpByteStream(address.Host!, address.Port, TimeSpan.FromSeconds(5));
        _link = new MqttNetLink(new MqttLinkOptions(broker.Address) { OperationTimeout = TimeSpan.FromSeconds(3) });
        var options = new BoxOptions();
        options.Session.KeepAliveSeconds = 5;
        options.Session.MaxReconnectDelayMilliseconds = 10000;
        if (outboxCapacityBytes is int capacity)
        {
            options.Outbox.CapacityBytes = capacity;
            options.Outbox.MaxPayloadBytes = capacity / 3;
        }

        Runtime = new BoxRuntime(
            new BoxDevices
            {
                Elm327 = _adapterStream,
                Store = new FileKeyValueStore(outboxDirectory),
                Mqtt = _link,
                Clock = clock,
                WallClock = clock,
                ResetReason = "test",
                FirmwareVersion = "9.9.9",
            },
            new ProvisionedSettings { DeviceId = TestBrokers.Device.UserName, DeviceSecret = TestBrokers.Device.Password },
            options);
    }

    public JumpingClock Clock { get; }

    public BoxRuntime Runtime { get; }

    /// <summary>Runs sampling cycles and the uplink in turn for <paramref name="virtualTime"/> of box time.</summary>
    public void Run(TimeSpan virtualTime)
    {
        long end = Clock.NowMilliseconds + (long)virtualTime.TotalMilliseconds;
        while (Clock.NowMilliseconds < end)
        {
            long wait = Runtime.SamplingStep();
            PumpUplink();
            Clock.Jump(Math.Min(wait, end - Clock.NowMilliseconds));
        }
    }

    /// <summary>Queues the partial batch (as a clean stop does) and delivers until the outbox is empty.</summary>
    public void Drain()
    {
        Runtime.Stop();
        Runtime.RunSampling();
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Runtime.Outbox.Count > 0 && DateTime.UtcNow < deadline)
        {
            int wait = Runtime.UplinkStep();
            if (!Runtime.Session.IsConnected)
            {
                Clock.Jump(wait);
            }
        }

        Runtime.Outbox.Count.Should().Be(0, "the outbox drains once the broker is reachable ({0})", Runtime.Session.LastError);
    }

    /// <summary>The box vanishes without a word, as in a power cut: no DISCONNECT, nothing flushed.</summary>
    public void PowerCut() => _link.Abort();

    public void Dispose()
    {
        _link.Dispose();
        _adapterStream.Dispose();
        _adapter.Dispose();
    }

    private void PumpUplink()
    {
        for (int i = 0; i < 50; i++)
        {
            int wait = Runtime.UplinkStep();
            if (wait > 0 && (Runtime.Outbox.Count == 0 || !Runtime.Session.IsConnected))
            {
                return;
            }
        }
    }
}
