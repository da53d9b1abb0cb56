namespace RydBox.Contract.Tests;

/// <summary>Damages a payload the ways a link or a buggy box does: flipped bits, replaced, inserted and lost bytes, a cut tail, a changed small integer, an awkward CBOR head.</summary>
internal static class PayloadMutations
{
    /// <summary>CBOR heads worth planting: long and indefinite lengths, tags, simple values, floats, arrays and maps.</summary>
    private static readonly byte[] InterestingHeads = [0x18, 0x19, 0x1B, 0x3B, 0x5F, 0x7F, 0x80, 0x81, 0x9B, 0x9F, 0xA5, 0xA6, 0xBB, 0xBF, 0xC1, 0xF7, 0xF9, 0xFF];

    /// <summary>One to three random edits of <paramref name="payload"/>.</summary>
    public static byte[] Mutate(byte[] payload, Random random)
    {
        var bytes = payload.ToList();
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    // A small integer where one was: keeps the structure, changes a value, count or mask.
                    bytes[at] = (byte)random.Next(0x00, 0x38);
                    break;
                default:
                    bytes[at] = InterestingHeads[random.Next(InterestingHeads.Length)];
                    break;
            }
        }

        return bytes.ToArray();
    }
}
