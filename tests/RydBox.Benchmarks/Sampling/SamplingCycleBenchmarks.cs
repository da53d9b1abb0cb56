using BenchmarkDotNet.Attributes;
using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Wire;

namespace RydBox.Benchmarks.Sampling;

/// <summary>
/// One steady-state sampling cycle while driving, through an in-memory vehicle of two ECUs:
/// the PIDs due (fast tier every cycle, medium every 5th, slow every 30th, stored DTCs every
/// 600th) polled via ObdService, the supply voltage, the GNSS fix merged, every on-box detector
/// fed, one batch row written, the batch taken when due. Baseline: the fast-tier poll alone.
/// Goal: 0 bytes allocated per cycle (the Allocated column reads "-").
/// </summary>
[MemoryDiagnoser]
public class SamplingCycleBenchmarks
{
    private readonly BenchmarkClock _clock = new();
    private readonly TelemetryBatch _batch = new(64, 48);
    private readonly PidReadings _pollOnlyReadings = new(64);
    private readonly GnssFix _fix = new()
    {
        Known = GnssFields.Status | GnssFields.Quality | GnssFields.Position | GnssFields.Speed | GnssFields.Course
            | GnssFields.Altitude | GnssFields.Hdop | GnssFields.Satellites,
        IsValid = true,
        Quality = 1,
        LatitudeE7 = 472_852_395,
        LongitudeE7 = 85_652_537,
        SpeedKmhX100 = 5012,
        CourseDegX100 = 7752,
        AltitudeCm = 49_960,
        HdopX100 = 101,
        SatellitesUsed = 8,
    };

    private ObdService _obd = null!;
    private AdaptiveSampler _sampler = null!;
    private BoxEventQueue _queue = null!;
    private byte[] _fastPids = [];

    [GlobalSetup]
    public void Setup()
    {
        var transport = new InMemoryVehicleTransport(
            (0x7E8, new Dictionary<byte, byte[]>
            {
                [0x04] = [0x80], [0x05] = [0x7B], [0x0B] = [0x21], [0x0C] = [0x0C, 0x80], [0x0D] = [0x32],
                [0x0F] = [0x41], [0x10] = [0x01, 0x2C], [0x11] = [0x26], [0x2F] = [0x80], [0x42] = [0x36, 0xB0],
                [0x46] = [0x3C], [0x5C] = [0x6E], [0xA6] = [0x00, 0x01, 0xE2, 0x40],
            }, [0x43, 0x01, 0x03, 0x01]),
            (0x7E9, new Dictionary<byte, byte[]> { [0x0D] = [0x32], [0x05] = [0x5A] }, [0x43, 0x00]));
        _obd = new ObdService(transport);
        _queue = new BoxEventQueue(_clock, _clock);
        var events = new OnBoxEvents(_queue, new BoxEventOptions());
        _sampler = new AdaptiveSampler(_obd, new FixedSupply(14_100), _clock, _clock, events, new SamplingOptions());

        // Into the drive: ignition confirmed, ECUs discovered, every column of the batch in use.
        for (int i = 0; i < 100; i++)
        {
            SamplingCycle();
        }

        var drain = new BoxEvent();
        while (_queue.TryDequeue(drain))
        {
        }

        if (_sampler.State != SamplingState.Driving || _sampler.Readings.Count < 5 || _batch.RejectedValues != 0)
        {
            throw new InvalidOperationException($"not driving steadily ({_sampler.State}, {_sampler.Readings.Count} readings); the figures would measure the wrong thing");
        }

        _fastPids = _sampler.Plan.PidsOf(SignalTier.Fast);
    }

    /// <summary>Baseline: the fast-tier PIDs polled through ObdService, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int PollFastTierOnly()
    {
        _obd.ReadPids(_fastPids, _fastPids.Length, _pollOnlyReadings);
        return _pollOnlyReadings.Count;
    }

    /// <summary>A whole cycle: poll due tiers, voltage, GNSS merge, detectors, batch row.</summary>
    [Benchmark]
    public long SamplingCycle()
    {
        long wait = _sampler.RunCycle(_fix, _batch);
        if (_sampler.BatchDue)
        {
            _batch.Clear();
        }

        _clock.Advance(wait);
        return wait;
    }
}
