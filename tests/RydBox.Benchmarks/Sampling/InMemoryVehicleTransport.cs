using RydBox.Firmware.Obd;

namespace RydBox.Benchmarks.Sampling;

/// <summary>
/// ECUs answering from preallocated tables, with no bus and no allocation, so that a benchmark
/// measures only what the firmware does around the transport: mode 01 with several PIDs per
/// request (bitmaps derived from the table), mode 03 from fixed code bytes.
/// </summary>
public sealed class InMemoryVehicleTransport : IObdTransport
{
    private readonly uint[] _ecuIds;
    private readonly byte[]?[][] _pidValues;
    private readonly byte[][] _storedDtcAnswers;

    /// <param name="ecus">Per ECU: its id, its PID values, its mode 03 answer (43 count codes…).</param>
    public InMemoryVehicleTransport(params (uint Id, Dictionary<byte, byte[]> Pids, byte[] StoredDtcAnswer)[] ecus)
    {
        _ecuIds = ecus.Select(e => e.Id).ToArray();
        _storedDtcAnswers = ecus.Select(e => e.StoredDtcAnswer).ToArray();
        _pidValues = ecus.Select(e => Table(e.Pids)).ToArray();
    }

    public string ProtocolName => "in memory (CAN 11/500)";

    public bool IsCan => true;

    public int MaxPidsPerRequest => 6;

    public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
    {
        responses.Reset();
        for (int e = 0; e < _ecuIds.Length; e++)
        {
            if (request[0] == 0x01)
            {
                AnswerMode01(e, request, length, responses);
            }
            else if (request[0] == 0x03)
            {
                Append(responses.For(_ecuIds[e])!, _storedDtcAnswers[e]);
            }
        }

        responses.Status = responses.Count > 0 ? ObdStatus.Ok : ObdStatus.NoData;
    }

    private void AnswerMode01(int ecu, byte[] request, int length, ObdResponseSet responses)
    {
        EcuResponse? slot = null;
        for (int i = 1; i < length; i++)
        {
            byte[]? value = _pidValues[ecu][request[i]];
            if (value == null)
            {
                continue;
            }

            if (slot == null)
            {
                slot = responses.For(_ecuIds[ecu])!;
                slot.Append(0x41);
            }

            slot.Append(request[i]);
            Append(slot, value);
        }
    }

    private static void Append(EcuResponse slot, byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            slot.Append(b);
        }
    }

    private static byte[]?[] Table(Dictionary<byte, byte[]> pids)
    {
        var table = new byte[]?[256];
        foreach (var (pid, value) in pids)
        {
            table[pid] = value;
        }

        int highest = pids.Keys.Max();
        for (int bitmap = 0; bitmap < 256 && bitmap < highest; bitmap += 0x20)
        {
            var bits = new byte[4];
            for (int pid = bitmap + 1; pid <= bitmap + 32; pid++)
            {
                if (pids.ContainsKey((byte)pid) || (pid % 0x20 == 0 && pid < highest))
                {
                    int bit = pid - bitmap - 1;
                    bits[bit / 8] |= (byte)(0x80 >> (bit % 8));
                }
            }

            table[bitmap] = bits;
        }

        return table;
    }
}
