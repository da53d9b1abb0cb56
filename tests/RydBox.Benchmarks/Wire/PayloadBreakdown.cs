using System.Formats.Cbor;
using RydBox.Contract;
using TelemetryKeys = RydBox.Firmware.Wire.TelemetryKeys;

namespace RydBox.Benchmarks.Wire;

/// <summary>Where telemetry payload bytes go: each signal's column (signal, residuals) and the rest (batch header, group masks).</summary>
public sealed class PayloadBreakdown
{
    private readonly Dictionary<string, long> _columnBytes = new();

    public long HeaderBytes { get; private set; }

    public IEnumerable<KeyValuePair<string, long>> Columns => _columnBytes.OrderByDescending(c => c.Value);

    public void Add(ReadOnlyMemory<byte> payload)
    {
        long columnBytes = 0;
        var reader = new CborReader(payload);
        int entries = reader.ReadStartMap()!.Value;
        for (int i = 0; i < entries; i++)
        {
            if (reader.ReadUInt64() != TelemetryKeys.Groups)
            {
                reader.SkipValue();
                continue;
            }

            int groups = reader.ReadStartArray()!.Value;
            for (int g = 0; g < groups; g++)
            {
                int columns = reader.ReadStartArray()!.Value - 1;
                reader.SkipValue(); // the group's rows mask
                for (int c = 0; c < columns; c++)
                {
                    int start = reader.BytesRemaining;
                    reader.ReadStartArray();
                    long signal = reader.ReadInt64();
                    string name = SignalCatalog.Describe((int)(signal < 0 ? -1 - signal : signal)).Name;
                    while (reader.PeekState() != CborReaderState.EndArray)
                    {
                        reader.SkipValue();
                    }

                    reader.ReadEndArray();
                    int bytes = start - reader.BytesRemaining;
                    _columnBytes[name] = _columnBytes.GetValueOrDefault(name) + bytes;
                    columnBytes += bytes;
                }

                reader.ReadEndArray();
            }

            reader.ReadEndArray();
        }

        HeaderBytes += payload.Length - columnBytes;
    }
}
