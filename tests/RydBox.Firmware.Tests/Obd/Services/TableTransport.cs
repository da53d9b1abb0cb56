using RydBox.Firmware.Obd;
using RydBox.Testing;

namespace RydBox.Firmware.Tests.Obd.Services;

/// <summary>
/// A transport answering from per-ECU tables, as a bus of ECUs would: mode 01 from PID values
/// (several PIDs per request), anything else from raw answers. Records every request it carried.
/// </summary>
public sealed class TableTransport(bool isCan = true) : IObdTransport
{
    public Dictionary<uint, SortedDictionary<byte, byte[]>> Pids { get; } = new();

    public Dictionary<(uint Ecu, string Request), byte[]> Raw { get; } = new();

    public List<(byte[] Request, int Expected)> Requests { get; } = [];

    public ObdStatus? ForcedStatus { get; set; }

    public string ProtocolName => isCan ? "ISO 15765-4 (CAN 11/500)" : "ISO 9141-2";

    public bool IsCan => isCan;

    public int MaxPidsPerRequest => isCan ? 6 : 1;

    public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
    {
        byte[] sent = request[..length];
        Requests.Add((sent, expectedResponses));
        responses.Reset();
        if (ForcedStatus is { } forced)
        {
            responses.Status = forced;
            return;
        }

        foreach (uint ecu in Pids.Keys.Union(Raw.Keys.Select(k => k.Ecu)).Order())
        {
            byte[]? answer = Raw.GetValueOrDefault((ecu, Convert.ToHexString(sent))) ?? AnswerMode01(ecu, sent);
            if (answer is null)
            {
                continue;
            }

            EcuResponse slot = responses.For(ecu)!;
            foreach (byte b in answer)
            {
                slot.Append(b);
            }
        }

        responses.Status = responses.Count > 0 ? ObdStatus.Ok : ObdStatus.NoData;
    }

    private byte[]? AnswerMode01(uint ecu, byte[] request) =>
        request[0] == 0x01 && Pids.TryGetValue(ecu, out var table) ? Mode01Answers.Answer(table, request[1..]) : null;
}
