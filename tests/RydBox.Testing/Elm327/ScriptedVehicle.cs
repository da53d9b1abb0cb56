using RydBox.Testing;

namespace RydBox.Testing.Elm327;

/// <summary>What the scripted adapter's car answers: per ECU, mode 01 PID data and raw service answers.</summary>
public sealed class ScriptedVehicle
{
    public const string Vin = "WVWZZZ1KZAW123456";

    public SortedDictionary<uint, ScriptedEcu> Ecus { get; } = new();

    /// <summary>An engine ECU (7E8) and a transmission ECU (7E9) with typical values, a VIN and one stored DTC.</summary>
    public static ScriptedVehicle Typical()
    {
        var engine = new ScriptedEcu
        {
            Mode01 =
            {
                [0x04] = [0x33],              // load 20 %
                [0x05] = [0x7B],              // coolant 83 °C
                [0x0B] = [0x21],              // MAP 33 kPa
                [0x0C] = [0x0C, 0x80],        // 800 rpm
                [0x0D] = [0x00],              // 0 km/h
                [0x0F] = [0x41],              // intake 25 °C
                [0x10] = [0x01, 0x2C],        // MAF 3.00 g/s
                [0x11] = [0x26],              // throttle 14.9 %
                [0x2F] = [0x80],              // fuel 50.2 %
                [0x42] = [0x36, 0xB0],        // module voltage 14.0 V
            },
        };
        engine.Raw["0902"] = [0x49, 0x02, 0x01, .. System.Text.Encoding.ASCII.GetBytes(Vin)];
        engine.Raw["03"] = [0x43, 0x01, 0x03, 0x01];    // P0301
        engine.Raw["07"] = [0x47, 0x00];
        engine.Raw["0A"] = [0x4A, 0x00];
        var transmission = new ScriptedEcu { Mode01 = { [0x0D] = [0x00], [0x05] = [0x5A] } };
        transmission.Raw["03"] = [0x43, 0x00];
        transmission.Raw["07"] = [0x47, 0x00];
        transmission.Raw["0A"] = [0x4A, 0x00];
        var vehicle = new ScriptedVehicle();
        vehicle.Ecus[0x7E8] = engine;
        vehicle.Ecus[0x7E9] = transmission;
        return vehicle;
    }

    /// <summary>Each ECU's answer to a request given as hex without spaces ("010C0D", "0902").</summary>
    public IEnumerable<(uint Ecu, byte[] Payload)> Answer(string request)
    {
        byte[] bytes = Convert.FromHexString(request);
        foreach (var (id, ecu) in Ecus)
        {
            byte[]? payload = bytes.Length > 0 && bytes[0] == 0x01 ? ecu.AnswerMode01(bytes[1..]) : ecu.Raw.GetValueOrDefault(request);
            if (payload is not null)
            {
                yield return (id, payload);
            }
        }
    }
}

public sealed class ScriptedEcu
{
    public SortedDictionary<byte, byte[]> Mode01 { get; init; } = new();

    public Dictionary<string, byte[]> Raw { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>41 followed by each requested PID it supports.</summary>
    public byte[]? AnswerMode01(byte[] pids) => Mode01Answers.Answer(Mode01, pids);
}
