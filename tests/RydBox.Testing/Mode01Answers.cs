namespace RydBox.Testing;

/// <summary>How an ECU answers a mode 01 request from a table of its PID values.</summary>
public static class Mode01Answers
{
    /// <summary>
    /// 41 followed by each requested PID the ECU has, or null when it has none of them. Bitmap PIDs
    /// (00, 20, 40 …) are derived from the table, as a real ECU's are from what it implements.
    /// </summary>
    public static byte[]? Answer(IReadOnlyDictionary<byte, byte[]> pids, IEnumerable<byte> requested)
    {
        var answer = new List<byte> { 0x41 };
        foreach (byte pid in requested)
        {
            byte[]? data = (pid & 0x1F) == 0 ? Bitmap(pids, pid) : pids.GetValueOrDefault(pid);
            if (data is not null)
            {
                answer.Add(pid);
                answer.AddRange(data);
            }
        }

        return answer.Count > 1 ? answer.ToArray() : null;
    }

    private static byte[]? Bitmap(IReadOnlyDictionary<byte, byte[]> pids, byte bitmapPid)
    {
        if (bitmapPid != 0 && !pids.Keys.Any(k => k > bitmapPid))
        {
            return null;
        }

        var bits = new byte[4];
        for (int pid = bitmapPid + 1; pid <= bitmapPid + 32; pid++)
        {
            if (pids.ContainsKey((byte)pid) || ((pid & 0x1F) == 0 && pids.Keys.Any(k => k > pid)))
            {
                int bit = pid - bitmapPid - 1;
                bits[bit / 8] |= (byte)(0x80 >> (bit % 8));
            }
        }

        return bits;
    }
}
