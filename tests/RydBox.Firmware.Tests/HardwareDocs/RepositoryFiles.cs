namespace RydBox.Firmware.Tests.HardwareDocs;

/// <summary>Files of the repository the tests run from, found by walking up to RydBox.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RydBox.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RydBox.sln not found above " + AppContext.BaseDirectory);
    }
}
