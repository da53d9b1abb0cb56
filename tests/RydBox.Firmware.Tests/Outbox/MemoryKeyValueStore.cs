using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Outbox;

/// <summary>A store in RAM whose reads allocate nothing, so allocation measurements see only the outbox.</summary>
public sealed class MemoryKeyValueStore : IKeyValueStore
{
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);

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

    public void Delete(string key) => _values.Remove(key);

    public string[] Keys() => _values.Keys.ToArray();
}
