using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Privacy;

/// <summary>
/// Takes a deleted device's lines out of <see cref="MosquittoHashStore"/>'s file. The store only
/// appends, so the file is rewritten: the other lines go to a temporary file beside it (mode 0600,
/// flushed to disk) that then replaces it, while the old file is held exclusively, as the store's
/// writers hold it, so that a device added at the same moment waits rather than being lost. A crash
/// leaves either the old file or the new one, never half of it.
/// </summary>
internal static class MosquittoHashRemoval
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Removes every line of <paramref name="deviceId"/>; returns how many there were.</summary>
    public static int Remove(MosquittoHashStore store, string deviceId)
    {
        string path = store.Path;
        string prefix = deviceId + ":";
        DateTime deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            if (!File.Exists(path))
            {
                return 0;
            }

            FileStream locked;
            try
            {
                locked = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (FileNotFoundException)
            {
                return 0;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
                continue;
            }

            using (locked)
            {
                var kept = new List<string>();
                int removed = 0;
                using (var reader = new StreamReader(locked, leaveOpen: true))
                {
                    while (reader.ReadLine() is { } line)
                    {
                        if (line.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            removed++;
                        }
                        else if (line.Length > 0)
                        {
                            kept.Add(line);
                        }
                    }
                }

                if (removed == 0)
                {
                    return 0;
                }

                string temporary = path + ".erasing";
                File.Delete(temporary); // a leftover of a crash, whatever its mode
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temporary, options))
                {
                    using (var writer = new StreamWriter(stream, leaveOpen: true))
                    {
                        foreach (string line in kept)
                        {
                            writer.Write(line);
                            writer.Write('\n');
                        }
                    }

                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
                return removed;
            }
        }
    }
}
