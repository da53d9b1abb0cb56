using BenchmarkDotNet.Running;
using RydBox.Benchmarks;

switch (args.FirstOrDefault())
{
    case "decoding":
        BenchmarkRunner.Run<DecodingBenchmarks>(args: args[1..]);
        return 0;
    case "polling":
        return PollingBenchmark.Run(args[1..]);
    case "wire-size":
        return RydBox.Benchmarks.Wire.WireSizeBenchmark.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: RydBox.Benchmarks decoding [BenchmarkDotNet options] | polling [--rounds N] [--latency-ms N]");
        Console.Error.WriteLine("  decoding  PID decodes/s and NMEA sentences/s on one core, with allocations (BenchmarkDotNet)");
        Console.Error.WriteLine("  polling   readings/s for eight PIDs from an adapter answering after ~30 ms, multi-PID against one PID per request");
        return 1;
}
