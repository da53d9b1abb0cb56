using System.Globalization;
using System.Text.RegularExpressions;
using RydBox.Firmware.Elm327;

namespace RydBox.Simulator.Elm327;

/// <summary>The AT command table: one row per command (as a pattern, after "AT", spaces removed) and what it does.</summary>
public sealed partial class Elm327Interpreter
{
    private static readonly AtCommand[] AtCommands = Table(
        ("Z|WS", (elm, _) => elm.Reset()),
        ("D", (elm, _) => elm.Defaults()),
        ("I", (elm, _) => [elm._options.Identity]),
        ("@1", (elm, _) => [elm._options.Description]),
        ("E([01])", (elm, m) => elm.Set(s => s.Echo = IsOn(m))),
        ("L([01])", (elm, m) => elm.Set(s => s.Linefeeds = IsOn(m))),
        ("S([01])", (elm, m) => elm.Set(s => s.Spaces = IsOn(m))),
        ("H([01])", (elm, m) => elm.Set(s => s.Headers = IsOn(m))),
        ("D([01])", (elm, m) => elm.Set(s => s.ShowDataLength = IsOn(m))),
        ("CAF([01])", (elm, m) => elm.Set(s => s.CanAutoFormatting = IsOn(m))),
        ("CFC([01])", (elm, m) => elm.Set(s => s.CanFlowControl = IsOn(m))),
        ("AT([012])", (elm, m) => elm.Set(s => s.AdaptiveTiming = m.Groups[1].Value[0] - '0')),
        ("ST([0-9A-F]{2})", (elm, m) => elm.Set(s => s.TimeoutUnits = HexValue(m))),
        ("(?:SP|TP)(?<auto>A?)(?<protocol>[0-9A-C])|SP(?<protocol>0)0", (elm, m) => elm.SelectProtocol(m)),
        ("DP", (elm, _) => [elm.ProtocolDescription()]),
        ("DPN", (elm, _) => [(elm._settings.Automatic ? "A" : "") + Hex(elm._settings.Protocol)]),
        ("PC", (elm, _) => elm.Set(s => s.ProtocolOpen = false)),
        ("SH([0-9A-F]{3}|[0-9A-F]{6})", (elm, m) => elm.Set(s => s.Header = (uint)HexValue(m))),
        ("CRA([0-9A-FX]{3}|[0-9A-FX]{8})", (elm, m) => elm.Set(s => s.Filter = ReceiveFilter.Parse(m.Groups[1].Value))),
        ("CRA|AR", (elm, _) => elm.Set(s => s.Filter = null)),
        ("RV", (elm, _) => [elm.SupplyVoltage()]),
        ("IGN", (elm, _) => [elm._vehicle.Read().IgnitionOn ? "ON" : "OFF"]),
        ("SI", (elm, _) => elm.BusInit(3, 4)),
        ("FI", (elm, _) => elm.BusInit(5)),

        // Low power mode is acknowledged but not modelled: the emulator never sleeps.
        ("LP", (elm, _) => [Ok]),

        // Settings for what the virtual vehicle does not have (K-line timing, J1939, CAN masks,
        // custom flow control) or that change nothing visible here (memory: every reset starts
        // automatic): accepted as a chip does.
        ("AL|NL|BI|FE|SS|JE|JS|R1|CEA|CEA[0-9A-F]{2}|M[01]|V[01]|KW[01]|CSM[01]|FCSM[0-2]|IB(?:10|48|96)"
            + "|(?:SW|CP|SR|TA|IIA)[0-9A-F]{2}|(?:CM|CF)(?:[0-9A-F]{3}|[0-9A-F]{8})"
            + "|FCSH(?:[0-9A-F]{3}|[0-9A-F]{6}|[0-9A-F]{8})|FCSD(?:[0-9A-F]{2}){1,5}|WM(?:[0-9A-F]{2}){1,6}",
            (_, _) => [Ok]));

    private delegate IReadOnlyList<string> AtHandler(Elm327Interpreter elm, Match match);

    private IReadOnlyList<string> RunAt(string command)
    {
        foreach (AtCommand at in AtCommands)
        {
            Match match = at.Pattern.Match(command);
            if (match.Success)
            {
                return at.Run(this, match);
            }
        }

        return [Unknown];
    }

    /// <summary>ATZ and ATWS: defaults back, then the identity after two empty lines.</summary>
    private IReadOnlyList<string> Reset()
    {
        _settings.RestoreDefaults(_options);
        _slowestAnswerMs = 0;
        return ["", "", _options.Identity];
    }

    private IReadOnlyList<string> Defaults()
    {
        _settings.RestoreDefaults(_options);
        return [Ok];
    }

    private IReadOnlyList<string> Set(Action<Elm327Settings> change)
    {
        change(_settings);
        return [Ok];
    }

    /// <summary>SP/TP h selects protocol h; 0, or A before the digit, makes it automatic; SP 00 too.</summary>
    private IReadOnlyList<string> SelectProtocol(Match match)
    {
        int protocol = int.Parse(match.Groups["protocol"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return Set(s =>
        {
            s.Protocol = protocol;
            s.Automatic = protocol == 0 || match.Groups["auto"].Value == "A";
            s.ProtocolOpen = false;
        });
    }

    private string ProtocolDescription() => _settings.Protocol == 0
        ? "AUTO"
        : (_settings.Automatic ? "AUTO, " : "") + Elm327Protocols.NameOf(_settings.Protocol);

    /// <summary>The voltage at the OBD socket (pin 16), as ATRV prints it: "12.6V".</summary>
    private string SupplyVoltage() =>
        Math.Max(0, _vehicle.Read().BatteryVolts).ToString("0.0", CultureInfo.InvariantCulture) + "V";

    /// <summary>ATSI/ATFI wake a K-line bus; only meaningful on those protocols, and there is none here.</summary>
    private IReadOnlyList<string> BusInit(params int[] protocols) =>
        [protocols.Contains(_settings.Protocol) ? "BUS INIT: ...ERROR" : Unknown];

    private static bool IsOn(Match match) => match.Groups[1].Value == "1";

    private static int HexValue(Match match) => int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static AtCommand[] Table(params (string Pattern, AtHandler Run)[] rows) =>
        [.. rows.Select(row => new AtCommand(new Regex($"^(?:{row.Pattern})$", RegexOptions.CultureInvariant), row.Run))];

    private sealed record AtCommand(Regex Pattern, AtHandler Run);
}
