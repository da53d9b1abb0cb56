using BenchmarkDotNet.Running;
using RydBox.Benchmarks;
using RydBox.Benchmarks.Sampling;

switch (args.FirstOrDefault())
{
    case "decoding":
        BenchmarkRunner.Run<DecodingBenchmarks>(args: args[1..]);
        return 0;
    case "polling":
        return PollingBenchmark.Run(args[1..]);
    case "sampling":
        BenchmarkRunner.Run<SamplingCycleBenchmarks>(args: args[1..]);
        return 0;
    case "wire-size":
        return RydBox.Benchmarks.Wire.WireSizeBenchmark.Run(args[1..]);
    case "wire-codec":
        BenchmarkRunner.Run<RydBox.Benchmarks.Wire.WireCodecBenchmarks>(args: args[1..]);
        return 0;
    case "gateway-load":
        return RydBox.Benchmarks.Gateway.GatewayLoadBenchmark.Run(args[1..]);
    case "detection":
        BenchmarkRunner.Run<RydBox.Benchmarks.Events.DetectionBenchmarks>(args: args[1..]);
        return 0;
    case "event-accuracy":
        return RydBox.Benchmarks.Events.EventAccuracyBenchmark.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: RydBox.Benchmarks decoding [BenchmarkDotNet options] | polling [--rounds N] [--latency-ms N]");
        Console.Error.WriteLine("                         | sampling [BenchmarkDotNet options] | wire-size [--seed N] [--seconds N] | wire-codec [BenchmarkDotNet options]");
        Console.Error.WriteLine("                         | gateway-load [--boxes N] [--seconds S] [--store sqlite|influx|both] [--rate-hz R] [--samples-per-batch K]");
        Console.Error.WriteLine("                         | detection [BenchmarkDotNet options] | event-accuracy [--seeds N] [--nights N]");
        Console.Error.WriteLine("  decoding   PID decodes/s and NMEA sentences/s on one core, with allocations (BenchmarkDotNet)");
        Console.Error.WriteLine("  polling    readings/s for eight PIDs from an adapter answering after ~30 ms, multi-PID against one PID per request");
        Console.Error.WriteLine("  sampling   one steady-state sampling cycle (poll, GNSS merge, detectors, batch row), with allocations (BenchmarkDotNet)");
        Console.Error.WriteLine("  wire-size  bytes per sample of a 10-minute drive in 10 s batches, CBOR v1 against JSON (goal <= 24)");
        Console.Error.WriteLine("  wire-codec encode/decode time and allocation of a batch and an event (BenchmarkDotNet)");
        Console.Error.WriteLine("  detection  event detection's cost per observation: the trip detector, all eight detectors, a device's timeline (BenchmarkDotNet)");
        Console.Error.WriteLine("  event-accuracy precision and recall of the gateway's trips, towing and alerts against the simulator's ground truth");
        Console.Error.WriteLine("  gateway-load samples/s, publish-to-committed latency, CPU and memory per box through the gateway into SQLite/InfluxDB, beside a do-nothing subscriber");
        return 1;
}
