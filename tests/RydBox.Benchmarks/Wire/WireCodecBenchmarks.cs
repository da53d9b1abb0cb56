using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Benchmarks.Wire;

/// <summary>
/// Encode and decode time of one realistic ten-second batch (the first of the wire-size drive)
/// and of one event. Goal: the box's encoders allocate nothing (Allocated column "-"); the
/// gateway's decoders are measured for throughput. The JSON rows are the same samples as
/// System.Text.Json objects, for scale.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WireCodecBenchmarks
{
    private readonly TelemetryBatch _batch = new(WireSizeBenchmark.BatchSeconds, 32);
    private readonly TelemetryEncoder _telemetry = new();
    private readonly EventEncoder _events = new();
    private readonly byte[] _buffer = new byte[4096];
    private readonly BoxEvent _event = new()
    {
        Type = BoxEventType.DtcSet, UnixMilliseconds = 1_715_671_805_000, HasPosition = true,
        LatitudeE7 = 481_371_540, LongitudeE7 = 115_761_240, Detail = "P0301",
    };

    private List<DriveSample> _samples = [];
    private byte[] _batchPayload = [];
    private byte[] _eventPayload = [];

    [GlobalSetup]
    public void Setup()
    {
        _samples = DriveStream.Generate(7, WireSizeBenchmark.BatchSeconds);
        DriveStream.Fill(_batch, _samples, 0, WireSizeBenchmark.BatchSeconds);
        _batchPayload = _buffer[..EncodeBatch()];
        _eventPayload = _buffer[..EncodeEvent()];
        if (DecodeBatch() != WireSizeBenchmark.BatchSeconds || DecodeEvent() != (int)BoxEventType.DtcSet)
        {
            throw new InvalidOperationException("the benchmark payloads do not decode; the figures would measure the error path");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Batch encode")]
    public int EncodeBatchAsJson() => _samples.Sum(s => WireSizeBenchmark.JsonSample(s, scaled: true).Length);

    [Benchmark]
    [BenchmarkCategory("Batch encode")]
    public int EncodeBatch() => _telemetry.Encode(_batch, 250_000, _buffer);

    [Benchmark]
    [BenchmarkCategory("Batch decode")]
    public int DecodeBatch() => TelemetryDecoder.Decode(_batchPayload).Samples.Count;

    [Benchmark]
    [BenchmarkCategory("Event")]
    public int EncodeEvent() => _events.Encode(_event, 250_001, _buffer);

    [Benchmark]
    [BenchmarkCategory("Event")]
    public int DecodeEvent() => (int)EventDecoder.Decode(_eventPayload).Type;
}
