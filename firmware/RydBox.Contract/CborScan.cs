using System.Buffers.Binary;

namespace RydBox.Contract;

/// <summary>
/// Walks a payload's CBOR heads once before decoding, so that a payload cut short is told apart
/// from one that is garbled, and so that nesting, tags, indefinite lengths and trailing bytes are
/// refused before any typed read.
/// </summary>
internal static class CborScan
{
    public static void Check(ReadOnlySpan<byte> data, string what)
    {
        if (data.Length > WireLimits.MaxMessageBytes)
        {
            throw new WireFormatException(WireError.Oversized,
                $"{what}: {data.Length} bytes, more than the limit of {WireLimits.MaxMessageBytes}");
        }

        if (data.IsEmpty)
        {
            throw new WireFormatException(WireError.Truncated, $"{what}: empty payload");
        }

        Span<ulong> left = stackalloc ulong[WireLimits.MaxDepth + 1];
        int depth = 0;
        left[0] = 1;
        int pos = 0;
        while (true)
        {
            while (depth >= 0 && left[depth] == 0)
            {
                depth--;
            }

            if (depth < 0)
            {
                break;
            }

            left[depth]--;
            if (pos >= data.Length)
            {
                throw Truncated(what, pos);
            }

            int head = data[pos++];
            int major = head >> 5;
            int info = head & 0x1F;
            ulong argument;
            if (info < 24)
            {
                argument = (ulong)info;
            }
            else if (info <= 27)
            {
                int size = 1 << (info - 24);
                if (data.Length - pos < size)
                {
                    throw Truncated(what, pos);
                }

                ReadOnlySpan<byte> bytes = data.Slice(pos, size);
                argument = size switch
                {
                    1 => bytes[0],
                    2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
                    4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
                    _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
                };
                pos += size;
            }
            else if (info == 31)
            {
                throw Malformed(what, pos - 1, "indefinite lengths are not used in v1");
            }
            else
            {
                throw Malformed(what, pos - 1, $"reserved additional information {info}");
            }

            ulong available = (ulong)(data.Length - pos);
            switch (major)
            {
                case 2:
                case 3:
                    if (argument > available)
                    {
                        throw Truncated(what, data.Length);
                    }

                    pos += (int)argument;
                    break;
                case 4:
                case 5:
                    // Every item takes at least one byte, so a count beyond the bytes left cannot be met.
                    if (argument > available)
                    {
                        throw Truncated(what, data.Length);
                    }

                    if (argument > 0)
                    {
                        if (depth + 1 > WireLimits.MaxDepth)
                        {
                            throw Malformed(what, pos, $"nested deeper than {WireLimits.MaxDepth} levels");
                        }

                        left[++depth] = major == 4 ? argument : argument * 2;
                    }

                    break;
                case 6:
                    throw Malformed(what, pos - 1, "tags are not used in v1");
                case 7:
                    if (info == 24 && argument < 32)
                    {
                        throw Malformed(what, pos - 2, "simple value in the two-byte form below 32");
                    }

                    break;
            }
        }

        if (pos != data.Length)
        {
            throw Malformed(what, pos, $"{data.Length - pos} bytes after the end of the payload");
        }
    }

    private static WireFormatException Truncated(string what, int offset) =>
        new(WireError.Truncated, $"{what}: payload ends inside a value at byte {offset}");

    private static WireFormatException Malformed(string what, int offset, string detail) =>
        new(WireError.Malformed, $"{what}: {detail} (byte {offset})");
}
