using System.Formats.Cbor;
using System.Text;

namespace RydBox.Contract;

/// <summary>
/// System.Formats.Cbor's reader with the contract's error policy: every problem becomes a
/// <see cref="WireFormatException"/> that names the entry (a path such as "event.detail").
/// </summary>
internal sealed class WireReader
{
    private readonly CborReader _cbor;

    private WireReader(ReadOnlyMemory<byte> payload)
    {
        // Strict: duplicate keys and invalid UTF-8 are refused; non-shortest heads are tolerated.
        _cbor = new CborReader(payload, CborConformanceMode.Strict);
    }

    /// <summary>Runs <paramref name="body"/> over a payload that has passed the structural scan; nothing but WireFormatException leaves.</summary>
    public static T Decode<T>(ReadOnlyMemory<byte> payload, string what, Func<WireReader, T> body)
    {
        try
        {
            CborScan.Check(payload.Span, what);
            return body(new WireReader(payload));
        }
        catch (WireFormatException)
        {
            throw;
        }
        catch (CborContentException e)
        {
            throw new WireFormatException(WireError.Malformed, $"{what}: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException or FormatException or ArgumentException)
        {
            // The scan and the typed reads below should leave nothing for this; it is the backstop.
            throw new WireFormatException(WireError.Malformed, $"{what}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads a payload's top map: the version must come first and be <see cref="WireVersion.Current"/>;
    /// then <paramref name="field"/> gets each integer key and returns false for keys it does not
    /// know, which are skipped (later v1 revisions may add optional entries).
    /// </summary>
    public void ReadPayload(string what, Func<int, bool> field)
    {
        if (_cbor.PeekState() != CborReaderState.StartMap)
        {
            throw new WireFormatException(WireError.Malformed, $"{what}: a payload is a map, found {Describe(_cbor.PeekState())}");
        }

        int count = MapHeader(what);
        if (count == 0 || _cbor.PeekState() != CborReaderState.UnsignedInteger || _cbor.ReadUInt64() != 0)
        {
            throw new WireFormatException(WireError.MissingField, $"{what}: the version (key 0) must be the first entry");
        }

        ulong version = UnsignedHead(what + ".version");
        if (version != WireVersion.Current)
        {
            throw new WireFormatException(WireError.UnsupportedVersion,
                $"{what}: version {version}; this library reads version {WireVersion.Current}");
        }

        for (int i = 1; i < count; i++)
        {
            int key = Key(what);
            if (!field(key))
            {
                _cbor.SkipValue();
            }
        }

        _cbor.ReadEndMap();
    }

    public int MapHeader(string path)
    {
        Expect(CborReaderState.StartMap, path, "a map");
        return _cbor.ReadStartMap() ?? 0;
    }

    public void EndMap() => _cbor.ReadEndMap();

    public int ArrayHeader(string path)
    {
        Expect(CborReaderState.StartArray, path, "an array");
        return _cbor.ReadStartArray() ?? 0;
    }

    public void EndArray() => _cbor.ReadEndArray();

    public CborReaderState Peek() => _cbor.PeekState();

    public long Int(string path)
    {
        CborReaderState state = _cbor.PeekState();
        if (state != CborReaderState.UnsignedInteger && state != CborReaderState.NegativeInteger)
        {
            throw Invalid(path, $"expected an integer, found {Describe(state)}");
        }

        try
        {
            return _cbor.ReadInt64();
        }
        catch (OverflowException)
        {
            throw Invalid(path, "integer beyond the 64-bit signed range");
        }
    }

    public long Int(string path, long minimum, long maximum)
    {
        long value = Int(path);
        if (value < minimum || value > maximum)
        {
            throw Invalid(path, $"{value} outside {minimum}..{maximum}");
        }

        return value;
    }

    /// <summary>Reads an integer's head as (negative?, argument): the argument of a negative integer n is -1-n.</summary>
    public (bool Negative, ulong Argument) IntHead(string path)
    {
        CborReaderState state = _cbor.PeekState();
        return state switch
        {
            CborReaderState.UnsignedInteger => (false, _cbor.ReadUInt64()),
            CborReaderState.NegativeInteger => (true, _cbor.ReadCborNegativeIntegerRepresentation()),
            _ => throw Invalid(path, $"expected an integer, found {Describe(state)}"),
        };
    }

    public bool Bool(string path)
    {
        CborReaderState state = _cbor.PeekState();
        if (state != CborReaderState.Boolean)
        {
            throw Invalid(path, $"expected true or false, found {Describe(state)}");
        }

        return _cbor.ReadBoolean();
    }

    public string Text(string path, int maxBytes = WireLimits.MaxTextBytes)
    {
        CborReaderState state = _cbor.PeekState();
        if (state != CborReaderState.TextString)
        {
            throw Invalid(path, $"expected a text string, found {Describe(state)}");
        }

        string text = _cbor.ReadTextString();
        int bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            throw new WireFormatException(WireError.Oversized, $"{path}: text of {bytes} bytes, more than {maxBytes}");
        }

        return text;
    }

    public byte[] Bytes(string path, int maxBytes)
    {
        CborReaderState state = _cbor.PeekState();
        if (state != CborReaderState.ByteString)
        {
            throw Invalid(path, $"expected a byte string, found {Describe(state)}");
        }

        byte[] bytes = _cbor.ReadByteString();
        if (bytes.Length > maxBytes)
        {
            throw new WireFormatException(WireError.Oversized, $"{path}: {bytes.Length} bytes, more than {maxBytes}");
        }

        return bytes;
    }

    public void Skip() => _cbor.SkipValue();

    public static WireFormatException Invalid(string path, string detail) => new(WireError.InvalidValue, $"{path}: {detail}");

    public static WireFormatException Missing(string path) => new(WireError.MissingField, $"{path}: required entry missing");

    private int Key(string what)
    {
        CborReaderState state = _cbor.PeekState();
        if (state != CborReaderState.UnsignedInteger)
        {
            throw Invalid(what, $"map keys are small unsigned integers, found {Describe(state)}");
        }

        ulong key = _cbor.ReadUInt64();
        if (key > int.MaxValue)
        {
            throw Invalid(what, $"map key {key} too large");
        }

        return (int)key;
    }

    private ulong UnsignedHead(string path)
    {
        (bool negative, ulong argument) = IntHead(path);
        if (negative)
        {
            throw Invalid(path, "negative");
        }

        return argument;
    }

    private void Expect(CborReaderState expected, string path, string name)
    {
        CborReaderState state = _cbor.PeekState();
        if (state != expected)
        {
            throw Invalid(path, $"expected {name}, found {Describe(state)}");
        }
    }

    private static string Describe(CborReaderState state) => state switch
    {
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => "an integer",
        CborReaderState.ByteString => "a byte string",
        CborReaderState.TextString => "a text string",
        CborReaderState.StartArray => "an array",
        CborReaderState.StartMap => "a map",
        CborReaderState.Boolean => "a boolean",
        CborReaderState.Null => "null",
        CborReaderState.EndArray or CborReaderState.EndMap => "the end of the container",
        _ => state.ToString(),
    };
}
