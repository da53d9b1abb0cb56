using RydBox.Firmware.Box;
using RydBox.Firmware.Provisioning;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Tests.Events;
using RydBox.Firmware.Tests.Sampling;
using RydBox.Firmware.Tests.Session;
using RydBox.Firmware.Tests.Support;
using RydBox.Simulator.Boxes;

namespace RydBox.Firmware.Tests.Box;

/// <summary>
/// A whole <see cref="BoxRuntime"/> on virtual time with no vehicle path (the supply voltage alone
/// tells the ignition), driven as a board's sampling loop drives it: a cycle when the runtime asks,
/// and in between a look at the motion sensor every <see cref="SamplingOptions.MotionCheckMs"/>.
/// </summary>
public sealed class MotionWakeRig
{
    public const int ChargingMv = 14_100;
    public const int RestingMv = 12_500;

    private readonly bool _looks;
    private long _nextCycleMs;
    private long _nextLookMs;

    /// <param name="looks">False drives only the cycles, as a box without the motion wake-up did.</param>
    public MotionWakeRig(LatchedMotionSensor? sensor, bool looks = true)
    {
        _looks = looks;
        Sensor = sensor;
        var wallClock = new SettableWallClock(Clock);
        wallClock.Set(1_700_000_000_000);
        Supply.Millivolts = RestingMv;
        Runtime = new BoxRuntime(
            new BoxDevices
            {
                SupplyVoltage = Supply,
                Motion = sensor,
                Store = new MemoryKeyValueStore(),
                Mqtt = new ScriptedLink(),
                Clock = Clock,
                WallClock = wallClock,
            },
            new ProvisionedSettings { DeviceId = "motion-box", DeviceSecret = "s3cret" },
            Options);
    }

    public ManualClock Clock { get; } = new();

    public ScriptedSupply Supply { get; } = new();

    public LatchedMotionSensor? Sensor { get; }

    public BoxOptions Options { get; } = new();

    public SamplingOptions Sampling => Options.Sampling;

    public BoxRuntime Runtime { get; }

    /// <summary>Box time of every cycle run so far.</summary>
    public List<long> Cycles { get; } = [];

    /// <summary>Runs the loop for <paramref name="milliseconds"/> of box time.</summary>
    public void RunFor(long milliseconds)
    {
        long end = Clock.NowMilliseconds + milliseconds;
        while (Clock.NowMilliseconds < end)
        {
            Step(end);
        }
    }

    /// <summary>Runs the loop until <paramref name="done"/> holds after a step; returns how long that took.</summary>
    public long RunUntil(Func<bool> done, long atMostMs)
    {
        long start = Clock.NowMilliseconds;
        while (!done())
        {
            (Clock.NowMilliseconds - start).Should().BeLessThan(atMostMs, "the box should have seen it by now");
            Step(long.MaxValue);
        }

        return Clock.NowMilliseconds - start;
    }

    /// <summary>The intervals between the cycles that started at or after <paramref name="fromMs"/>.</summary>
    public long[] IntervalsFrom(long fromMs)
    {
        long[] times = Cycles.Where(t => t >= fromMs).ToArray();
        return times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
    }

    /// <summary>A cycle if one is due or the look says wake, then a nap to the next cycle or look (not beyond <paramref name="end"/>).</summary>
    private void Step(long end)
    {
        long now = Clock.NowMilliseconds;
        bool look = _looks && now >= _nextLookMs;
        bool cycle = now >= _nextCycleMs || (look && Runtime.Watch());
        if (cycle)
        {
            Cycles.Add(now);
            _nextCycleMs = now + Runtime.SamplingStep();
        }

        // The board naps after a cycle as after a look, so the next look is one check interval on.
        if (look || cycle)
        {
            _nextLookMs = Clock.NowMilliseconds + Sampling.MotionCheckMs;
        }

        long next = _looks ? Math.Min(_nextCycleMs, _nextLookMs) : _nextCycleMs;
        Clock.Advance(Math.Max(0, Math.Min(next, end) - Clock.NowMilliseconds));
    }
}
