using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Tests.Events;
using RydBox.Firmware.Tests.Obd.Services;
using RydBox.Firmware.Tests.Support;
using RydBox.Firmware.Wire;

namespace RydBox.Firmware.Tests.Sampling;

/// <summary>
/// A car on virtual time around a real sampler: an engine ECU and a transmission ECU answering from
/// tables (asleep means they answer nothing), a supply voltage, a GNSS fix, and a runtime loop that
/// waits what the sampler says and takes the batch whenever it is due.
/// </summary>
public sealed class SamplingRig
{
    public const uint Engine = 0x7E8;
    public const uint Transmission = 0x7E9;
    public const int ChargingMv = 14_100;
    public const int RestingMv = 12_500;

    public SamplingRig(bool withSupply = true, Action<SamplingOptions>? configure = null)
    {
        WallClock = new SettableWallClock(Clock);
        WallClock.Set(1_700_000_000_000);
        configure?.Invoke(Options);
        Transport.Pids[Engine] = new()
        {
            [0x04] = [0x80], [0x05] = [0x7B], [0x0B] = [0x21], [0x0C] = [0, 0], [0x0D] = [0], [0x0F] = [0x41],
            [0x10] = [0x01, 0x2C], [0x11] = [0x26], [0x2F] = [0x80], [0x42] = [0x36, 0xB0], [0x46] = [0x3C],
        };
        Transport.Pids[Transmission] = new() { [0x0D] = [0], [0x05] = [0x5A] };
        Queue = new BoxEventQueue(Clock, WallClock);
        Events = new OnBoxEvents(Queue, new BoxEventOptions());
        Sampler = new AdaptiveSampler(new ObdService(new SlowTransport(this)), withSupply ? Supply : null, Clock, WallClock, Events, Options);
        KeyOut();
    }

    public ManualClock Clock { get; } = new();

    /// <summary>Virtual time each OBD request takes.</summary>
    public long RequestLatencyMs { get; set; }

    public SettableWallClock WallClock { get; }

    public TableTransport Transport { get; } = new();

    public ScriptedSupply Supply { get; } = new();

    public SamplingOptions Options { get; } = new();

    public BoxEventQueue Queue { get; }

    public OnBoxEvents Events { get; }

    public AdaptiveSampler Sampler { get; }

    public TelemetryBatch Batch { get; } = new(64, 48);

    public GnssFix? Fix { get; set; }

    /// <summary>Row counts of the batches taken so far.</summary>
    public List<int> TakenBatches { get; } = [];

    /// <summary>Every wait the sampler asked for, with its state.</summary>
    public List<(long Wait, SamplingState State)> Waits { get; } = [];

    /// <summary>Engine running: ECUs awake, the alternator charging.</summary>
    public void Drive(int rpm = 800, int kmh = 50)
    {
        Transport.ForcedStatus = null;
        Transport.Pids[Engine][0x0C] = [(byte)(rpm * 4 >> 8), (byte)(rpm * 4)];
        Transport.Pids[Engine][0x0D] = [(byte)kmh];
        Transport.Pids[Transmission][0x0D] = [(byte)(kmh + 1)];
        Supply.Millivolts = ChargingMv;
    }

    /// <summary>Key out: ECUs asleep, the battery resting.</summary>
    public void KeyOut()
    {
        Transport.ForcedStatus = ObdStatus.NoData;
        Supply.Millivolts = RestingMv;
    }

    public long Step()
    {
        long wait = Sampler.RunCycle(Fix, Batch);
        Waits.Add((wait, Sampler.State));
        if (Sampler.BatchDue)
        {
            TakenBatches.Add(Batch.RowCount);
            Batch.Clear();
        }

        Clock.Advance(wait);
        return wait;
    }

    public void RunFor(long milliseconds)
    {
        long end = Clock.NowMilliseconds + milliseconds;
        while (Clock.NowMilliseconds < end)
        {
            Step();
        }
    }

    /// <summary>Runs cycles until one ends in <paramref name="state"/>; returns when that cycle started.</summary>
    public long RunUntil(SamplingState state, long atMostMs = 3_600_000)
    {
        long end = Clock.NowMilliseconds + atMostMs;
        while (true)
        {
            Clock.NowMilliseconds.Should().BeLessThan(end, $"the sampler should reach {state}");
            long start = Clock.NowMilliseconds;
            Step();
            if (Sampler.State == state)
            {
                return start;
            }
        }
    }

    public List<BoxEventType> EventTypes()
    {
        var types = new List<BoxEventType>();
        var e = new BoxEvent();
        while (Queue.TryDequeue(e))
        {
            types.Add(e.Type);
        }

        return types;
    }

    private sealed class SlowTransport(SamplingRig rig) : IObdTransport
    {
        public string ProtocolName => rig.Transport.ProtocolName;

        public bool IsCan => rig.Transport.IsCan;

        public int MaxPidsPerRequest => rig.Transport.MaxPidsPerRequest;

        public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
        {
            rig.Clock.Advance(rig.RequestLatencyMs);
            rig.Transport.Request(targetEcu, request, length, expectedResponses, responses);
        }
    }
}
