using System.Formats.Cbor;
using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>Decodes a v1 command acknowledgement (WIRE-FORMAT.md, "Command acknowledgement").</summary>
public static class CommandAckDecoder
{
    private const string What = "ack";

    /// <exception cref="WireFormatException">For any payload that is not a valid v1 acknowledgement.</exception>
    public static CommandAck Decode(ReadOnlyMemory<byte> payload) => WireReader.Decode(payload, What, Read);

    private static CommandAck Read(WireReader r)
    {
        long? id = null;
        bool? ok = null;
        string? error = null;
        IReadOnlyDictionary<string, AckValue> result = new Dictionary<string, AckValue>();
        r.ReadPayload(What, key =>
        {
            switch (key)
            {
                case AckKeys.Id:
                    id = r.Int(What + ".id", 0, long.MaxValue);
                    return true;
                case AckKeys.Ok:
                    ok = r.Bool(What + ".ok");
                    return true;
                case AckKeys.Error:
                    error = r.Text(What + ".error");
                    return true;
                case AckKeys.Result:
                    result = ReadResult(r);
                    return true;
                default:
                    return false;
            }
        });

        if (id is null || ok is null)
        {
            throw WireReader.Missing(What + (id is null ? ".id" : ".ok"));
        }

        return new CommandAck(WireVersion.Current, id.Value, ok.Value, error, result);
    }

    private static Dictionary<string, AckValue> ReadResult(WireReader r)
    {
        const string path = What + ".result";
        int count = r.MapHeader(path);
        if (count > WireLimits.MaxResultEntries)
        {
            throw new WireFormatException(WireError.Oversized, $"{path}: {count} entries, more than {WireLimits.MaxResultEntries}");
        }

        var result = new Dictionary<string, AckValue>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = r.Text($"{path}[{i}].name");
            string at = $"{path}.{name}";
            AckValue value = r.Peek() switch
            {
                CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => AckValue.Of(r.Int(at)),
                CborReaderState.TextString => AckValue.Of(r.Text(at)),
                CborReaderState.StartArray => AckValue.Of(ReadList(r, at)),
                _ => throw WireReader.Invalid(at, "a result is an integer, a text or a list of texts"),
            };
            if (!result.TryAdd(name, value))
            {
                throw new WireFormatException(WireError.Malformed, $"{at}: duplicate result name");
            }
        }

        r.EndMap();
        return result;
    }

    private static string[] ReadList(WireReader r, string at)
    {
        int count = r.ArrayHeader(at);
        if (count > WireLimits.MaxResultEntries)
        {
            throw new WireFormatException(WireError.Oversized, $"{at}: {count} items, more than {WireLimits.MaxResultEntries}");
        }

        var items = new string[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = r.Text($"{at}[{i}]");
        }

        r.EndArray();
        return items;
    }
}
