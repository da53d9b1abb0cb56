using System.Globalization;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Simulator.Ecus;
using RydBox.Simulator.Time;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// One emulated ELM327: takes command lines, answers them the way a genuine chip does on ISO
/// 15765-4 CAN 11/500, and carries OBD requests over its own endpoint on a virtual CAN bus. It
/// knows nothing of sockets or terminals; <see cref="Elm327Session"/> feeds it.
/// </summary>
public sealed partial class Elm327Interpreter : IDisposable
{
    private const string Ok = "OK";
    private const string Unknown = "?";
    private const char Prompt = '>';

    /// <summary>The ELM327 sends at most 7 data bytes (8 with CAF0, the PCI byte being the caller's).</summary>
    private const int MaxFormattedRequestBytes = 7;

    private const int MaxRawRequestBytes = 8;

    /// <summary>Adaptive timing waits this many times the slowest answer it has seen.</summary>
    private const int AdaptiveMargin = 2;

    private const int InterruptPollMs = 5;

    private const uint DefaultHeader11Bit = ObdAddressing.FunctionalRequest11Bit;
    private const uint DefaultHeader29Bit = ObdAddressing.FunctionalRequest29Bit & 0xFFFFFF;

    /// <summary>The priority byte of 29-bit headers (AT CP's default).</summary>
    private const uint Priority29Bit = 0x18;

    private readonly Elm327Options _options;
    private readonly VirtualCanBus _bus;
    private readonly IVehicleSensors _vehicle;
    private readonly CanBusEndpoint _endpoint;
    private readonly CanExchange _exchange;
    private readonly Elm327Settings _settings = new();
    private readonly CanFrame _request = new();
    private string _lastCommand = "";
    private int _slowestAnswerMs;

    public Elm327Interpreter(Elm327Options options, VirtualCanBus bus, IVehicleSensors vehicle)
    {
        _options = options;
        _bus = bus;
        _vehicle = vehicle;
        _endpoint = bus.OpenEndpoint();
        _exchange = new CanExchange(_endpoint, bus.Clock);
        _settings.RestoreDefaults(options);
    }

    public Elm327Options Options => _options;

    private IClock Clock => _bus.Clock;

    private string LineEnd => _settings.Linefeeds ? "\r\n" : "\r";

    /// <summary>
    /// The adapter's whole output for one command line (without its CR): the echo, the answer and
    /// the prompt. <paramref name="interrupted"/> is asked while the adapter waits on the vehicle;
    /// true means a character arrived from the client, which stops the request ("STOPPED").
    /// </summary>
    public string Execute(string line, Func<bool> interrupted)
    {
        string echo = _settings.Echo ? line + LineEnd : "";
        IReadOnlyList<string> answer = line.Length > _options.MaxCommandLength ? [Unknown] : Run(Normalize(line), interrupted);

        // Every line ends with a line end, and one more comes before the prompt.
        return echo + string.Concat(answer.Select(l => l + LineEnd)) + (answer.Count > 0 ? LineEnd : "") + Prompt;
    }

    public void Dispose() => _endpoint.Dispose();

    /// <summary>The chip ignores spaces and case.</summary>
    private static string Normalize(string line) => line.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private IReadOnlyList<string> Run(string command, Func<bool> interrupted)
    {
        if (command.Length == 0)
        {
            // A bare CR repeats the last command.
            command = _lastCommand;
        }

        _lastCommand = command;
        return command.Length == 0 ? []
            : command.StartsWith("AT", StringComparison.Ordinal) ? RunAt(command[2..])
            : RunObd(command, interrupted);
    }

    private IReadOnlyList<string> RunObd(string command, Func<bool> interrupted)
    {
        ObdRequest? request = ObdRequest.Parse(command, _settings.CanAutoFormatting ? MaxFormattedRequestBytes : MaxRawRequestBytes);
        if (request is null)
        {
            return [Unknown];
        }

        if (!_settings.Automatic || _settings.ProtocolOpen)
        {
            return OnProtocol(_settings.Protocol, request, interrupted);
        }

        return Search(request, interrupted);
    }

    /// <summary>
    /// The automatic search: only the vehicle's own protocol (CAN 11-bit at the bus's bit rate)
    /// can answer, so the search finds it when the ECUs are awake and gives up otherwise.
    /// </summary>
    private List<string> Search(ObdRequest request, Func<bool> interrupted)
    {
        int vehicleProtocol = _bus.BitRateKbps == VirtualCanBus.LegislatedOnBoardDiagnosticsBitRateKbps ? 6 : 8;
        List<string> lines = ["SEARCHING..."];
        ExchangeResult result = OnCan(vehicleProtocol, request, interrupted);
        bool found = result.Outcome == ExchangeOutcome.Answered;
        if (result.Outcome == ExchangeOutcome.Stopped || !WaitUnlessInterrupted(found ? _options.SearchSucceedsAfterMs : _options.SearchFailsAfterMs, interrupted))
        {
            lines.Add("STOPPED");
            return lines;
        }

        if (!found)
        {
            lines.Add("UNABLE TO CONNECT");
            return lines;
        }

        _settings.Protocol = vehicleProtocol;
        _settings.ProtocolOpen = true;
        lines.AddRange(Print(result));
        return lines;
    }

    private List<string> OnProtocol(int protocol, ObdRequest request, Func<bool> interrupted)
    {
        if (!Elm327Protocols.IsCan(protocol))
        {
            // No J1850 or K-line wiring on this vehicle: PWM/VPW hear nothing, ISO 9141/KWP get no wake-up answer.
            return [protocol <= 2 ? "NO DATA" : "BUS INIT: ...ERROR"];
        }

        ExchangeResult result = OnCan(protocol, request, interrupted);
        switch (result.Outcome)
        {
            case ExchangeOutcome.NotAcknowledged:
                // In automatic mode the next request searches again.
                _settings.ProtocolOpen = false;
                return ["CAN ERROR"];
            case ExchangeOutcome.NoData:
                _settings.ProtocolOpen = true;
                return ["NO DATA"];
            case ExchangeOutcome.Stopped:
                return [.. Print(result), "STOPPED"];
            default:
                _settings.ProtocolOpen = true;
                return Print(result);
        }
    }

    private ExchangeResult OnCan(int protocol, ObdRequest request, Func<bool> interrupted)
    {
        if (ProtocolBitRateKbps(protocol) != _bus.BitRateKbps)
        {
            // At the wrong bit rate every frame is an error frame: nobody acknowledges.
            return new ExchangeResult(ExchangeOutcome.NotAcknowledged, [], 0);
        }

        bool extended = Elm327Protocols.Is29Bit(protocol);
        BuildRequestFrame(request, extended);
        var rules = new ExchangeRules(
            _settings.Filter is { } filter ? filter.Accepts : extended ? ObdAddressing.IsPhysicalResponse29Bit : ObdAddressing.IsPhysicalResponse11Bit,
            AnswerTimeoutMs(),
            request.ExpectedFrames,
            _settings.CanFlowControl);
        ExchangeResult result = _exchange.Run(_request, rules, interrupted);
        _slowestAnswerMs = Math.Max(_slowestAnswerMs, result.SlowestGapMs);
        return result;
    }

    private void BuildRequestFrame(ObdRequest request, bool extended)
    {
        uint header = _settings.Header ?? (extended ? DefaultHeader29Bit : DefaultHeader11Bit);
        _request.Id = extended ? (Priority29Bit << 24) | (header & 0xFFFFFF) : header & 0x7FF;
        _request.IsExtended = extended;
        byte[] data = request.Data;
        if (_settings.CanAutoFormatting)
        {
            _request.Data[0] = (byte)data.Length;
            data.CopyTo(_request.Data, 1);
            Array.Clear(_request.Data, 1 + data.Length, CanFrame.MaxDataLength - 1 - data.Length);
            _request.Length = CanFrame.MaxDataLength;
        }
        else
        {
            data.CopyTo(_request.Data, 0);
            _request.Length = data.Length;
        }
    }

    /// <summary>AT ST's timeout, or with adaptive timing a learned one that is never longer.</summary>
    private int AnswerTimeoutMs()
    {
        int timeout = (_settings.TimeoutUnits == 0 ? Elm327Settings.DefaultTimeoutUnits : _settings.TimeoutUnits) * Elm327Settings.MillisecondsPerTimeoutUnit;
        int floor = _settings.AdaptiveTiming switch
        {
            0 => timeout,
            1 => _options.AdaptiveTimeoutFloorMs,
            _ => _options.AggressiveAdaptiveTimeoutFloorMs,
        };
        return Math.Min(timeout, Math.Max(floor, AdaptiveMargin * _slowestAnswerMs));
    }

    private List<string> Print(ExchangeResult result)
    {
        var formatter = new ResponseFormatter(_settings);
        return result.Frames.SelectMany(formatter.Format).ToList();
    }

    private static int ProtocolBitRateKbps(int protocol) => protocol switch
    {
        6 or 7 => 500,
        8 or 9 or 0xA => 250,
        0xB => 125,
        _ => 50,
    };

    /// <summary>Lets bus time pass; false when the client interrupted.</summary>
    private bool WaitUnlessInterrupted(int milliseconds, Func<bool> interrupted)
    {
        long until = Clock.NowMilliseconds + milliseconds;
        if (Clock is SimulationClock skipping && skipping.TrySkipTo(until))
        {
            return !interrupted();
        }

        while (Clock.NowMilliseconds < until)
        {
            if (interrupted())
            {
                return false;
            }

            Thread.Sleep(InterruptPollMs);
        }

        return !interrupted();
    }

    private static string Hex(int value) => value.ToString("X", CultureInfo.InvariantCulture);
}
