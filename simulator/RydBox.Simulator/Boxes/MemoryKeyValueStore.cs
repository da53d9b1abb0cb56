using System.Collections.Concurrent;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Boxes;

/// <summary>
/// A virtual box's flash: kept in RAM, shared safely by the sampling and uplink threads, and
/// reads allocate nothing, so thousands of boxes cost little and allocation measurements of the
/// firmware see only the firmware.
/// </summary>
public sealed class MemoryKeyValueStore : IKeyValueStore
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    public int Length(string key) => _values.TryGetValue(key, out byte[]? value) ? value.Length : -1;

    public int Read(string key, byte[] buffer, int offset, int count)
    {
        if (!_values.TryGetValue(key, out byte[]? value))
        {
            return -1;
        }

        int copied = Math.Min(count, value.Length);
        Array.Copy(value, 0, buffer, offset, copied);
        return copied;
    }

    public void Write(string key, byte[] buffer, int offset, int count) => _values[key] = buffer.AsSpan(offset, count).ToArray();

    public void Delete(string key) => _values.TryRemove(key, out _);

    public string[] Keys() => _values.Keys.ToArray();

    /// <summary>Bytes held, for the fleet's memory report.</summary>
    public long Bytes => _values.Values.Sum(v => (long)v.Length);
}
