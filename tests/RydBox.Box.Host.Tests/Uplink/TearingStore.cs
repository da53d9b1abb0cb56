using RydBox.Box.Host.Storage;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>
/// Real files, plus a power cut on demand: the next write to a chosen key leaves only part of the
/// value on disk (as flash without atomic rename would) and the "box" dies (the write throws).
/// </summary>
public sealed class TearingStore(string directory) : IKeyValueStore
{
    private readonly FileKeyValueStore _files = new(directory);
    private readonly string _directory = directory;
    private Func<string, bool>? _tearWhen;

    public int Writes { get; private set; }

    /// <summary>The next write whose key matches is torn after <paramref name="keptBytes"/> bytes.</summary>
    public void TearNextWrite(Func<string, bool> keyMatches, int keptBytes)
    {
        _tearWhen = key =>
        {
            if (!keyMatches(key))
            {
                return false;
            }

            KeptBytes = keptBytes;
            return true;
        };
    }

    public string? TornKey { get; private set; }

    private int KeptBytes { get; set; }

    public int Length(string key) => _files.Length(key);

    public int Read(string key, byte[] buffer, int offset, int count) => _files.Read(key, buffer, offset, count);

    public void Write(string key, byte[] buffer, int offset, int count)
    {
        Writes++;
        if (_tearWhen is not null && _tearWhen(key))
        {
            _tearWhen = null;
            TornKey = key;
            File.WriteAllBytes(Path.Combine(_directory, key), buffer.AsSpan(offset, Math.Min(KeptBytes, count)).ToArray());
            throw new PowerCutException();
        }

        _files.Write(key, buffer, offset, count);
    }

    public void Delete(string key) => _files.Delete(key);

    public string[] Keys() => _files.Keys();
}

public sealed class PowerCutException() : IOException("power cut during the write");
