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
    default:
        Console.Error.WriteLine("usage: RydBox.Benchmarks decoding [BenchmarkDotNet options] | polling [--rounds N] [--latency-ms N] | sampling [BenchmarkDotNet options] | wire-size");
        Console.Error.WriteLine("  decoding  PID decodes/s and NMEA sentences/s on one core, with allocations (BenchmarkDotNet)");
        Console.Error.WriteLine("  polling   readings/s for eight PIDs from an adapter answering after ~30 ms, multi-PID against one PID per request");
        Console.Error.WriteLine("  sampling  one steady-state sampling cycle (poll, GNSS merge, detectors, batch row), with allocations (BenchmarkDotNet)");
        Console.Error.WriteLine("  wire-size bytes per sample of a realistic drive as CBOR v1 batches beside plain JSON");
        return 1;
}
