namespace RydBox.Gateway.Identity;

/// <summary>
/// The mosquitto-format hash of each device secret, kept beside the database in
/// "&lt;data directory&gt;/mosquitto-hashes" so that `export-mosquitto` can write a password file
/// without knowing any secret. A hash can only be made while the secret is known (when a device is
/// added or given a new secret), and the devices table has no column for it, so it lives here:
/// one "device-id:$7$…" line per issue, appended, the last line of a device winning.
/// Which devices are exported (not revoked, existing) is decided by the database alone.
/// </summary>
public sealed class MosquittoHashStore(string directory)
{
    public const string FileName = "mosquitto-hashes";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>Appends the hash of a device's secret; the newest line of a device is the one that counts.</summary>
    public void Record(string deviceId, string secret)
    {
        string line = $"{deviceId}:{MosquittoPasswordHash.Hash(secret)}\n";
        WithFile(FileMode.Append, FileAccess.Write, FileShare.None, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(line);
        });
    }

    /// <summary>The current hash of every device that has one, by device id.</summary>
    public IReadOnlyDictionary<string, string> ReadAll()
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return hashes;
        }

        WithFile(FileMode.Open, FileAccess.Read, FileShare.Read, stream =>
        {
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line.AsSpan(colon + 1).StartsWith("$7$"))
                {
                    hashes[line[..colon]] = line[(colon + 1)..];
                }
            }
        });
        return hashes;
    }

    // Writers take the file exclusively (two CLI processes adding devices at once), readers shared.
    private void WithFile(FileMode mode, FileAccess access, FileShare share, Action<FileStream> use)
    {
        DateTime deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            FileStream stream;
            try
            {
                var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
                if (mode == FileMode.Append && !OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                stream = new FileStream(Path, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(Path))
            {
                Thread.Sleep(20);
                continue;
            }

            using (stream)
            {
                use(stream);
                return;
            }
        }
    }
}
