using System.Text;
using BenchmarkDotNet.Attributes;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Benchmarks;

/// <summary>
/// Steady-state decoding on one core. Goal: no allocation per decoded sample, since the device's
/// GC is slow; the Allocated column must read 0 B (or "-").
/// </summary>
[MemoryDiagnoser]
public class DecodingBenchmarks
{
    // A u-blox M8 epoch; checksums are added in Setup.
    private static readonly string[] SentenceBodies =
    [
        "GNRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A,V",
        "GNGGA,083559.00,4717.11437,N,00833.91522,E,1,08,1.01,499.6,M,48.0,M,,",
        "GNVTG,77.52,T,,M,0.004,N,0.008,K,A",
        "GNGSA,A,3,23,29,07,08,09,18,26,28,,,,,1.94,1.18,1.54,1",
    ];

    private readonly EcuResponse _sixPidAnswer = new(64);
    private readonly PidReadings _readings = new(16);
    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();
    private byte[][] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        // 41 | 0C 1A F8 | 0D 32 | 04 80 | 11 26 | 05 7B | 10 01 2C: rpm, speed, load, throttle, coolant, MAF
        byte[] answer = Convert.FromHexString("410C1AF80D320480112605" + "7B10012C");
        _sixPidAnswer.EcuId = 0x7E8;
        foreach (byte b in answer)
        {
            _sixPidAnswer.Append(b);
        }

        _lines = SentenceBodies.Select(body => Encoding.ASCII.GetBytes($"${body}*{Checksum(body):X2}\r\n")).ToArray();
        if (ParseNmeaSentence() != _lines.Length || DecodeSixPidAnswer() != 6)
        {
            throw new InvalidOperationException("the benchmark inputs do not decode; the figures would measure the error path");
        }
    }

    private static int Checksum(string body)
    {
        int sum = 0;
        foreach (char c in body)
        {
            sum ^= c;
        }

        return sum;
    }

    /// <summary>One six-PID answer, i.e. six decoded values per operation.</summary>
    [Benchmark(OperationsPerInvoke = 6)]
    public int DecodeSixPidAnswer()
    {
        _readings.Clear();
        Mode01Response.Decode(_sixPidAnswer, _readings);
        return _readings.Count;
    }

    /// <summary>One NMEA sentence per operation (RMC, GGA, VTG, GSA in turn).</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public int ParseNmeaSentence()
    {
        int ok = 0;
        foreach (byte[] line in _lines)
        {
            if (_parser.Parse(line, 0, line.Length, _fix) == NmeaResult.Ok)
            {
                ok++;
            }
        }

        return ok;
    }
}
