using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Pids;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Benchmarks;

/// <summary>
/// Steady-state decoding on one core, each beside a baseline in the same run: the string-splitting
/// way most OBD and NMEA libraries do it. Goal: no allocation per decoded sample, since the
/// device's GC is slow; the Allocated column must read "-" for the RydBox rows.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DecodingBenchmarks
{
    // 41 | 0C 1A F8 | 0D 32 | 04 80 | 11 26 | 05 7B | 10 01 2C: rpm, speed, load, throttle, coolant, MAF
    private const string SixPidAnswerHex = "410C1AF80D3204801126057B10012C";

    // The same answer as an ELM327 prints it with headers on and spaces off: ISO-TP first frame and two consecutive frames.
    private const string SixPidAdapterText = "7E8100F410C1AF80D32\r7E82104801126057B10\r7E822012C5555555555\r";

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
    private readonly ObdResponseSet _responses = new();
    private readonly Elm327ResponseParser _adapterParser = new();
    private readonly NmeaParser _parser = new();
    private readonly GnssFix _fix = new();
    private byte[] _adapterText = [];
    private byte[][] _lines = [];
    private string[] _sentences = [];

    [GlobalSetup]
    public void Setup()
    {
        _sixPidAnswer.EcuId = 0x7E8;
        foreach (byte b in Convert.FromHexString(SixPidAnswerHex))
        {
            _sixPidAnswer.Append(b);
        }

        _adapterText = Encoding.ASCII.GetBytes(SixPidAdapterText);
        _sentences = SentenceBodies.Select(body => $"${body}*{Checksum(body):X2}").ToArray();
        _lines = _sentences.Select(s => Encoding.ASCII.GetBytes(s + "\r\n")).ToArray();
        if (ParseNmeaSentence() != _lines.Length || SplitNmeaSentence() != _lines.Length
            || DecodeSixPidAnswer() != 6 || ParseAdapterTextAndDecode() != 6 || DecodeSixPidAnswerFromHexString() != 6)
        {
            throw new InvalidOperationException("the benchmark inputs do not decode; the figures would measure the error path");
        }
    }

    /// <summary>Baseline: split the hex text into bytes with strings, then decode each PID.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 6)]
    [BenchmarkCategory("PID values")]
    public int DecodeSixPidAnswerFromHexString()
    {
        byte[] bytes = Convert.FromHexString(SixPidAnswerHex);
        int decoded = 0;
        for (int i = 1; i < bytes.Length;)
        {
            PidDefinition pid = PidTable.Find(bytes[i])!;
            foreach (PidSignal signal in pid.Signals)
            {
                _ = signal.Decode(bytes, i + 1);
                decoded++;
            }

            i += 1 + pid.ByteCount;
        }

        return decoded;
    }

    /// <summary>One six-PID answer already reassembled: six decoded values per operation.</summary>
    [Benchmark(OperationsPerInvoke = 6)]
    [BenchmarkCategory("PID values")]
    public int DecodeSixPidAnswer()
    {
        _readings.Clear();
        Mode01Response.Decode(_sixPidAnswer, _readings);
        return _readings.Count;
    }

    /// <summary>The adapter's text to decoded values: ELM327 parse, ISO-TP reassembly, decode.</summary>
    [Benchmark(OperationsPerInvoke = 6)]
    [BenchmarkCategory("PID values")]
    public int ParseAdapterTextAndDecode()
    {
        _adapterParser.Parse(_adapterText, 0, _adapterText.Length, true, true, _responses);
        _readings.Clear();
        Mode01Response.Decode(_responses[0], _readings);
        return _readings.Count;
    }

    /// <summary>Baseline: string.Split and double.Parse, as most NMEA libraries do.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 4)]
    [BenchmarkCategory("NMEA sentences")]
    public int SplitNmeaSentence()
    {
        int ok = 0;
        foreach (string sentence in _sentences)
        {
            string[] fields = sentence[..sentence.IndexOf('*')].Split(',');
            double sum = 0;
            foreach (string field in fields.Skip(1))
            {
                if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    sum += value;
                }
            }

            ok += sum >= 0 ? 1 : 0;
        }

        return ok;
    }

    /// <summary>One NMEA sentence per operation (RMC, GGA, VTG, GSA in turn), checksum verified.</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    [BenchmarkCategory("NMEA sentences")]
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

    private static int Checksum(string body)
    {
        int sum = 0;
        foreach (char c in body)
        {
            sum ^= c;
        }

        return sum;
    }
}
