using BenchmarkDotNet.Attributes;
using RydBox.Benchmarks.Wire;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Detectors.Trips;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Processing;

namespace RydBox.Benchmarks.Events;

/// <summary>
/// What event detection costs the gateway per observation: a 10-minute drive (the gateway-load
/// boxes' drive, decoded as ingest decodes it) through the trip detector alone, through all eight
/// detectors (<see cref="DetectorSet"/>, with one geofence), and through a device's timeline in
/// batches of 10 as the processor feeds it. Figures are per observation.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private const int Seconds = 600;
    private const int BatchRows = 10;
    private static readonly EventsOptions Options = new();

    private SampleObservation[] _drive = [];
    private SampleObservation[][] _batches = [];
    private DetectorSet _detectors = null!;
    private TripDetector _trips = null!;

    [GlobalSetup]
    public void Setup()
    {
        List<DriveSample> samples = DriveStream.Generate(7, Seconds);
        var batch = new TelemetryBatch(BatchRows, 32);
        var encoder = new TelemetryEncoder();
        var buffer = new byte[8192];
        var batches = new List<SampleObservation[]>();
        for (int from = 0; from < samples.Count; from += BatchRows)
        {
            DriveStream.Fill(batch, samples, from, BatchRows);
            int length = encoder.Encode(batch, from + 1, buffer);
            batches.Add(ObservationReader.Samples(TelemetryDecoder.Decode(buffer[..length])));
        }

        _batches = [.. batches];
        _drive = [.. batches.SelectMany(b => b)];
        Geofence home = Geofence.Circle("home", "Home", new Place(48.137154, 11.576124), 300);
        _detectors = new DetectorSet(Options, new VehicleRules([home], []));
        _trips = new TripDetector(Options.Trip);
        if (_drive.Length != Seconds || Timeline() == 0)
        {
            throw new InvalidOperationException("the drive did not decode, or no trip was found in it; the figures would measure something else");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Seconds)]
    public int TripDetector()
    {
        var emitted = new List<VehicleEvent>();
        TripState state = _trips.Initial;
        foreach (SampleObservation observation in _drive)
        {
            state = _trips.Observe(state, observation, emitted);
        }

        return emitted.Count;
    }

    [Benchmark(OperationsPerInvoke = Seconds)]
    public int AllDetectors()
    {
        var emitted = new List<VehicleEvent>();
        DetectorStates states = _detectors.Initial;
        foreach (SampleObservation observation in _drive)
        {
            states = _detectors.Observe(states, observation, emitted);
        }

        return emitted.Count;
    }

    [Benchmark(OperationsPerInvoke = Seconds)]
    public int Timeline()
    {
        var timeline = new DeviceTimeline(_detectors, Options, new MemoryCheckpointStore(), (_, _) => []);
        int emitted = 0;
        foreach (SampleObservation[] batch in _batches)
        {
            emitted += timeline.Receive(batch, batch[^1].UnixMilliseconds + 1_000).Emitted.Count;
        }

        return emitted + timeline.Tick(_drive[^1].UnixMilliseconds + 600_000).Emitted.Count;
    }
}
