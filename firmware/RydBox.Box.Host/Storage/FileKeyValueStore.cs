using RydBox.Firmware.Hardware;

namespace RydBox.Box.Host.Storage;

/// <summary>
/// The box's persistent store on Linux: one file per key in a directory.
/// A write goes to a temporary file, is flushed to the disk (fsync), renamed over the old file, and
/// the directory is synced, so after a power cut a key holds either its old or its new value and a
/// value reported as written stays written (the sequence counter's reservation depends on that).
/// The ESP32 has no such guarantee: its flash file system rewrites in place and a cut can leave a
/// truncated file or pages never programmed. That is why the outbox and the counters checksum
/// every record and discard torn ones themselves, whatever the store underneath.
/// </summary>
public sealed class FileKeyValueStore : IKeyValueStore
{
    private const string TemporarySuffix = ".tmp";
    private const int MaxKeyLength = 64;

    private readonly string _directory;

    public FileKeyValueStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        foreach (string leftover in Directory.EnumerateFiles(_directory, "*" + TemporarySuffix))
        {
            File.Delete(leftover);
        }
    }

    public string DirectoryPath => _directory;

    public int Length(string key)
    {
        var file = new FileInfo(PathOf(key));
        return file.Exists ? checked((int)file.Length) : -1;
    }

    public int Read(string key, byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset);
        try
        {
            using var handle = File.OpenHandle(PathOf(key), FileMode.Open, FileAccess.Read);
            int total = 0;
            while (total < count)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(offset + total, count - total), total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
    }

    public void Write(string key, byte[] buffer, int offset, int count)
    {
        string path = PathOf(key);
        string temporary = path + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(buffer, offset, count);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(_directory);
    }

    public void Delete(string key) => File.Delete(PathOf(key));

    public string[] Keys() =>
        Directory.EnumerateFiles(_directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && IsValidKey(name))
            .Select(name => name!)
            .ToArray();

    /// <summary>Letters, digits, '-' and '_' only: a key can never climb out of the directory or hide as a temporary file.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private string PathOf(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"'{key}' is not a valid key: use 1 to {MaxKeyLength} letters, digits, '-' or '_'", nameof(key));
        }

        return Path.Combine(_directory, key);
    }
}
