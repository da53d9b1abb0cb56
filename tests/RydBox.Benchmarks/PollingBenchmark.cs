using System.Diagnostics;
using System.Globalization;
using RydBox.Box.Host.Transports;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Testing.Elm327;

namespace RydBox.Benchmarks;

/// <summary>
/// Readings per second for eight PIDs from an ELM327 whose vehicle answers each request after a
/// fixed latency (30 ms by default), over a real TCP socket. The three ways of polling run
/// interleaved in the same run, so machine noise hits them alike; medians are compared.
/// Goal: multi-PID polling at least 4x the one-PID-per-request rate.
/// </summary>
public static class PollingBenchmark
{
    private static readonly byte[] EightPids = [0x0C, 0x0D, 0x04, 0x11, 0x05, 0x10, 0x0F, 0x2F];

    public static int Run(string[] args)
    {
        int rounds = Option(args, "--rounds", 15);
        int latencyMs = Option(args, "--latency-ms", 30);
        var adapter = new ScriptedElm327(ScriptedVehicle.Typical()) { VehicleLatency = TimeSpan.FromMilliseconds(latencyMs) };
        using var server = ScriptedAdapterServer.OnTcp(adapter);
        var address = AdapterAddress.Parse(server.Address);
        using var stream = new TcpByteStream(address.Host!, address.Port, TimeSpan.FromSeconds(5));
        var link = new Elm327Link(stream, SystemClock.Instance);
        Elm327Info info = new Elm327Initializer(link).Initialize();
        if (info.Status != Elm327InitStatus.Ready)
        {
            Console.Error.WriteLine($"adapter not ready: {info.FailureReason}");
            return 1;
        }

        var transport = new Elm327Transport(link, info);
        var modes = new (string Name, ObdService Service)[]
        {
            ("one PID per request, adapter waits its timeout", new ObdService(new SinglePidTransport(transport, tellExpectedResponses: false))),
            ("one PID per request, response count given", new ObdService(new SinglePidTransport(transport, tellExpectedResponses: true))),
            ("RydBox: up to six PIDs per request + count", new ObdService(transport)),
        };
        foreach (var (_, service) in modes)
        {
            service.DiscoverSupportedPids();
        }

        Console.WriteLine($"Polling {EightPids.Length} PIDs from a scripted ELM327 ({ScriptedElm327.Identity}) over TCP, vehicle latency {latencyMs} ms, {rounds} rounds each");
        var readings = new PidReadings(64);
        var passMs = modes.Select(_ => new List<double>()).ToArray();
        var perPass = new int[modes.Length];
        for (int round = -2; round < rounds; round++) // two warm-up rounds let the transport learn frame counts
        {
            for (int m = 0; m < modes.Length; m++)
            {
                long start = Stopwatch.GetTimestamp();
                modes[m].Service.ReadPids(EightPids, EightPids.Length, readings);
                double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (round >= 0)
                {
                    passMs[m].Add(elapsed);
                    perPass[m] = readings.Count;
                }
            }
        }

        double baseline = Rate(perPass[0], Median(passMs[0]));
        Console.WriteLine();
        Console.WriteLine($"{"mode",-50} {"median pass",12} {"readings",9} {"readings/s",11} {"vs naive",9}");
        for (int m = 0; m < modes.Length; m++)
        {
            double median = Median(passMs[m]);
            double rate = Rate(perPass[m], median);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{modes[m].Name,-50} {median,9:0.0} ms {perPass[m],9} {rate,11:0.0} {rate / baseline,8:0.00}x"));
        }

        double ours = Rate(perPass[2], Median(passMs[2]));
        double countGiven = Rate(perPass[1], Median(passMs[1]));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"multi-PID vs one PID per request: {ours / baseline:0.00}x (goal >= 4x); vs one PID with the count suffix: {ours / countGiven:0.00}x"));
        return 0;
    }

    private static double Rate(int readings, double passMilliseconds) => readings * 1000.0 / passMilliseconds;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int value) ? value : fallback;
    }
}
