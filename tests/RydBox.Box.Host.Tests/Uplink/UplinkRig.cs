using System.Collections.Concurrent;
using System.Text;
using RydBox.Box.Host.Mqtt;
using RydBox.Box.Host.Storage;
using RydBox.Box.Host.Transports;
using RydBox.Firmware.Outbox;
using RydBox.Firmware.Session;
using RydBox.Testing.Brokers;

namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>
/// One Linux box's uplink, assembled from the real parts: files in a temporary folder, the
/// persistent outbox, the sequence counter, MQTTnet and the session, with short timings.
/// </summary>
public sealed class UplinkRig : IDisposable
{
    public const string OnlineStatus = "online fw=1.0";
    public const string OfflineStatus = "offline";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly TemporaryDirectory _storage = new();

    public UplinkRig(ITestBroker broker, string secret = "device-secret", bool mqtt5 = false)
    {
        var store = new FileKeyValueStore(_storage.Path);
        Outbox = new PersistentOutbox(store, new OutboxOptions());
        Sequences = new SequenceCounter(store);
        Link = new MqttNetLink(
            new MqttLinkOptions(broker.Address) { UseMqtt5 = mqtt5, OperationTimeout = TimeSpan.FromSeconds(3) },
            LinkLog.Enqueue);
        Spy = new SpyLink(Link);
        Session = new UplinkSession(Spy, Outbox, Commands, SystemClock.Instance, TestBrokers.Device.UserName, secret, Options, new Random(7));
        SetStatus(OnlineStatus, OfflineStatus);
    }

    public static SessionOptions Options => new()
    {
        KeepAliveSeconds = 5,
        InitialReconnectDelayMilliseconds = 50,
        MaxReconnectDelayMilliseconds = 400,
        IdleWaitMilliseconds = 10,
    };

    public PersistentOutbox Outbox { get; }

    public SequenceCounter Sequences { get; }

    public MqttNetLink Link { get; }

    public SpyLink Spy { get; }

    public UplinkSession Session { get; }

    public EchoCommandHandler Commands { get; } = new();

    public ConcurrentQueue<string> LinkLog { get; } = new();

    public DeviceTopics Topics => Session.Topics;

    public void SetStatus(string online, string offline)
    {
        byte[] onlineBytes = Encoding.ASCII.GetBytes(online);
        byte[] offlineBytes = Encoding.ASCII.GetBytes(offline);
        Session.SetStatusPayloads(onlineBytes, onlineBytes.Length, offlineBytes, offlineBytes.Length);
    }

    public long Append(OutboxEntryKind kind, string text)
    {
        long sequence = Sequences.Next();
        byte[] payload = Encoding.ASCII.GetBytes(text);
        Outbox.Append(kind, sequence, payload, 0, payload.Length).Should().BeTrue();
        return sequence;
    }

    /// <summary>Runs the session loop as the box's uplink thread would, until the condition holds.</summary>
    public void StepUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"gave up waiting until {what}; connected={Session.IsConnected} last error='{Session.LastError}' " +
                    $"pending={Session.PendingEntries}\nlink log:\n{string.Join('\n', LinkLog)}");
            }

            int wait = Session.Step();
            if (wait > 0)
            {
                Thread.Sleep(Math.Min(wait, 20));
            }
        }
    }

    public void StepFor(TimeSpan duration) => StepUntil(Deadline(duration), "time passed", duration + TimeSpan.FromSeconds(1));

    public void Dispose()
    {
        Link.Dispose();
        _storage.Dispose();
    }

    private static Func<bool> Deadline(TimeSpan duration)
    {
        DateTime end = DateTime.UtcNow + duration;
        return () => DateTime.UtcNow >= end;
    }
}
