namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>A fresh folder per test, deleted afterwards: the box's storage directory.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rydbox-store-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Outbox entry files, oldest first (their names carry the slot number).</summary>
    public string[] EntryFiles() =>
        Directory.GetFiles(Path, "ob*")
            .Where(f => System.IO.Path.GetFileName(f)[2..].All(char.IsAsciiDigit))
            .OrderBy(f => long.Parse(System.IO.Path.GetFileName(f)[2..]))
            .ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
