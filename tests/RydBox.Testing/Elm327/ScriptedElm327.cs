using System.Text;

namespace RydBox.Testing.Elm327;

/// <summary>
/// A scripted ELM327 v1.5 on ISO 15765-4 CAN 11/500: answers AT commands the way the genuine chip
/// does (echo, headers, spaces, linefeeds honoured) and OBD requests from a <see cref="ScriptedVehicle"/>.
/// Without a vehicle it behaves like an adapter plugged into a car with the ignition off.
/// </summary>
public sealed class ScriptedElm327(ScriptedVehicle? vehicle)
{
    public const string Identity = "ELM327 v1.5";

    private bool _echo = true;
    private bool _headers;
    private bool _spaces = true;
    private bool _linefeeds;
    private bool _protocolKnown;
    private TimeSpan _timeout = DefaultTimeout;
    private TimeSpan _pendingDelay;

    /// <summary>ATST's default: 0x32 × 4 ms.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the car takes to answer an OBD request.</summary>
    public TimeSpan VehicleLatency { get; init; } = TimeSpan.Zero;

    /// <summary>What ATRV answers: 12.6 V is a resting battery, above 13.2 V the alternator charges (engine running).</summary>
    public string SupplyVoltage { get; set; } = "12.6V";

    public List<string> ReceivedCommands { get; } = [];

    /// <summary>
    /// The whole answer to one command line (without its CR), prompt included, and how long a real
    /// adapter would take to give it: the vehicle's latency, plus the ATST timeout the chip waits
    /// for further answers unless the request said how many to expect.
    /// </summary>
    public (string Text, TimeSpan Delay) Respond(string line)
    {
        ReceivedCommands.Add(line);
        _pendingDelay = TimeSpan.Zero;
        string command = line.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        string body = command.StartsWith("AT", StringComparison.Ordinal) ? At(command[2..]) : Obd(command);
        string newline = _linefeeds ? "\r\n" : "\r";
        string echo = _echo ? line + "\r" : "";
        return (echo + body.Replace("\r", newline, StringComparison.Ordinal) + newline + ">", _pendingDelay);
    }

    private string At(string at)
    {
        switch (at)
        {
            case "Z":
                _echo = true;
                _headers = false;
                _spaces = true;
                _linefeeds = false;
                _protocolKnown = false;
                return "\r" + Identity;
            case "WS":
                return "\r" + Identity;
            case "I":
                return Identity;
            case "@1":
                return "OBDII to RS232 Interpreter";
            case "RV":
                return SupplyVoltage;
            case "DP":
                return _protocolKnown ? "ISO 15765-4 (CAN 11/500)" : "AUTO";
            case "DPN":
                return _protocolKnown ? "A6" : "A0";
            case "E0" or "E1":
                _echo = at == "E1";
                return "OK";
            case "H0" or "H1":
                _headers = at == "H1";
                return "OK";
            case "S0" or "S1":
                _spaces = at == "S1";
                return "OK";
            case "L0" or "L1":
                _linefeeds = at == "L1";
                return "OK";
            case var st when st.StartsWith("ST", StringComparison.Ordinal) && st.Length == 4 && Uri.IsHexDigit(st[2]) && Uri.IsHexDigit(st[3]):
                int units = Convert.ToInt32(st[2..], 16);
                _timeout = TimeSpan.FromMilliseconds(4 * (units == 0 ? 0x32 : units));
                return "OK";
            default:
                return at.StartsWith("SP", StringComparison.Ordinal) || at.StartsWith("TP", StringComparison.Ordinal)
                    || at.StartsWith("AT", StringComparison.Ordinal) || at.StartsWith("ST", StringComparison.Ordinal)
                    || at.StartsWith("SH", StringComparison.Ordinal) || at is "D" or "CAF1" or "M0"
                    ? "OK"
                    : "?";
        }
    }

    private string Obd(string request)
    {
        if (request.Length == 0 || !request.All(Uri.IsHexDigit))
        {
            return "?";
        }

        int expectedFrames = 0;
        if (request.Length % 2 == 1)
        {
            expectedFrames = Convert.ToInt32(request[^1..], 16);
            request = request[..^1];
        }

        string searching = _protocolKnown ? "" : "SEARCHING...\r";
        if (vehicle is null)
        {
            return searching + "UNABLE TO CONNECT";
        }

        _protocolKnown = true;
        var lines = new List<string>();
        foreach (var (ecu, payload) in vehicle.Answer(request))
        {
            lines.AddRange(_headers ? FramesWithHeaders(ecu, payload) : LinesWithoutHeaders(payload));
        }

        // The digit counts CAN frames; the "014" length line of the headers-off form is not one.
        int frames = lines.Count(l => l.Length != 3);
        _pendingDelay = VehicleLatency + (expectedFrames > 0 && frames >= expectedFrames ? TimeSpan.Zero : _timeout);
        return searching + (lines.Count == 0 ? "NO DATA" : string.Join("\r", lines));
    }

    private IEnumerable<string> FramesWithHeaders(uint ecu, byte[] payload)
    {
        string id = ecu.ToString("X3");
        if (payload.Length <= 7)
        {
            yield return Hex(id, [(byte)payload.Length, .. payload, .. new byte[7 - payload.Length]]);
            yield break;
        }

        yield return Hex(id, [(byte)(0x10 | (payload.Length >> 8)), (byte)payload.Length, .. payload[..6]]);
        int sequence = 1;
        for (int offset = 6; offset < payload.Length; offset += 7, sequence++)
        {
            byte[] chunk = payload[offset..Math.Min(offset + 7, payload.Length)];
            yield return Hex(id, [(byte)(0x20 | (sequence & 0xF)), .. chunk, .. new byte[7 - chunk.Length]]);
        }
    }

    private IEnumerable<string> LinesWithoutHeaders(byte[] payload)
    {
        if (payload.Length <= 7)
        {
            yield return Hex(null, payload);
            yield break;
        }

        yield return payload.Length.ToString("X3");
        yield return "0:" + (_spaces ? " " : "") + Hex(null, payload[..6]);
        int line = 1;
        for (int offset = 6; offset < payload.Length; offset += 7, line++)
        {
            yield return (line & 0xF).ToString("X") + ":" + (_spaces ? " " : "") + Hex(null, payload[offset..Math.Min(offset + 7, payload.Length)]);
        }
    }

    private string Hex(string? header, byte[] bytes)
    {
        var text = new StringBuilder(header ?? "");
        foreach (byte b in bytes)
        {
            if (_spaces && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(b.ToString("X2"));
        }

        return text.ToString();
    }
}
