using Microsoft.Extensions.Logging;
using RydBox.Box.Host.Mqtt;
using RydBox.Box.Host.Storage;
using RydBox.Box.Host.Transports;
using RydBox.Firmware.Box;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Provisioning;

namespace RydBox.Box.Host.Run;

/// <summary>
/// The firmware's <see cref="BoxRuntime"/> bound to Linux parts: serial or TCP streams for the
/// adapter and the GNSS receiver, a directory for the outbox, MQTTnet for the broker. Runs the
/// sampling and uplink loops on their own threads until stopped.
/// </summary>
public sealed class HostedBox : IDisposable
{
    /// <summary>Written at a clean stop, removed at start: its absence after a run means a crash, a kill or a power cut.</summary>
    public const string CleanStopKey = "clean-stop";

    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(5);

    private readonly FileKeyValueStore _store;
    private readonly MqttNetLink _link;
    private readonly ReconnectingByteStream? _elm;
    private readonly ReconnectingByteStream? _gnss;
    private readonly Thread _sampling;
    private readonly Thread _uplink;

    public HostedBox(RunOptions options, ILogger logger)
    {
        _store = new FileKeyValueStore(options.OutboxDirectory);
        string resetReason = TakeResetReason(_store);
        _link = new MqttNetLink(
            new MqttLinkOptions(options.Broker) { CaCertificateFile = options.CaCertificateFile, UseMqtt5 = options.UseMqtt5 },
            line => logger.LogWarning("broker: {Line}", line));
        if (options.Elm is not null)
        {
            _elm = new ReconnectingByteStream("adapter", () => OpenAdapter(options, logger), ReconnectPause, line => logger.LogWarning("{Line}", line));
        }

        if (options.Gnss is not null)
        {
            _gnss = new ReconnectingByteStream("GNSS", () => OpenStream(options.Gnss, options.GnssBaudRate), ReconnectPause, line => logger.LogWarning("{Line}", line));
        }

        var devices = new BoxDevices
        {
            Elm327 = _elm,
            Gnss = _gnss,
            Store = _store,
            Mqtt = _link,
            Clock = SystemClock.Instance,
            WallClock = SystemWallClock.Instance,
            ResetReason = resetReason,
            FirmwareVersion = typeof(HostedBox).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        };
        var settings = new ProvisionedSettings { DeviceId = options.DeviceId, DeviceSecret = options.Secret };
        var boxOptions = new BoxOptions();
        if (options.OutboxCapacityBytes is int capacity)
        {
            boxOptions.Outbox.CapacityBytes = capacity;
        }

        Runtime = new BoxRuntime(devices, settings, boxOptions);
        if (Runtime.Outbox.CorruptEntriesDiscarded > 0)
        {
            logger.LogWarning("outbox: {Count} entries torn by an earlier power cut or crash were discarded", Runtime.Outbox.CorruptEntriesDiscarded);
        }

        logger.LogInformation(
            "box {DeviceId} started ({Reason}); outbox {Directory} holds {Count} messages",
            options.DeviceId, resetReason, options.OutboxDirectory, Runtime.Outbox.Count);
        _sampling = new Thread(Runtime.RunSampling) { Name = "sampling", IsBackground = true };
        _uplink = new Thread(Runtime.RunUplink) { Name = "uplink", IsBackground = true };
    }

    public BoxRuntime Runtime { get; }

    public bool AdapterConnected => _elm?.IsOpen == true;

    public bool GnssConnected => _gnss?.IsOpen == true;

    public void Start()
    {
        _sampling.Start();
        _uplink.Start();
    }

    /// <summary>Stops both loops: the partial batch goes into the outbox, the box says offline, nothing queued is lost.</summary>
    public void Stop()
    {
        Runtime.Stop();
        _sampling.Join();
        _uplink.Join();
        _store.Write(CleanStopKey, [], 0, 0);
    }

    public void Dispose()
    {
        _link.Dispose();
        _elm?.Dispose();
        _gnss?.Dispose();
    }

    private static string TakeResetReason(FileKeyValueStore store)
    {
        if (store.Keys().Length == 0)
        {
            return "first start";
        }

        if (store.Length(CleanStopKey) < 0)
        {
            return "restart after a crash, kill or power loss";
        }

        store.Delete(CleanStopKey);
        return "restart after a clean stop";
    }

    private static IByteStream OpenAdapter(RunOptions options, ILogger logger)
    {
        IByteStream stream = OpenStream(options.Elm!, options.ElmBaudRate ?? Elm327BaudRates.Candidates[0]);
        if (stream is SerialByteStream serial && options.ElmBaudRate is null)
        {
            int found = new Elm327BaudRateDetector(new Elm327Link(serial, SystemClock.Instance), serial).Detect();
            if (found == 0)
            {
                serial.Dispose();
                throw new AdapterUnreachableException($"no ELM327 answered on {options.Elm} at any common baud rate", "is the adapter plugged in and powered? give its rate with --elm-baud");
            }

            logger.LogInformation("adapter answers at {Baud} baud", found);
        }

        return stream;
    }

    private static IByteStream OpenStream(string address, int baudRate)
    {
        AdapterAddress parsed = AdapterAddress.Parse(address);
        return parsed.IsTcp
            ? new TcpByteStream(parsed.Host!, parsed.Port, TimeSpan.FromSeconds(5))
            : new SerialByteStream(parsed.SerialPath!, baudRate);
    }
}
