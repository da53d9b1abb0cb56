using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RydBox.Firmware.Tests.HardwareDocs;

/// <summary>
/// The ESP32 project cannot be built on this machine (its packages are not on the feed), so the
/// mistakes a build would catch first are checked here: a namespace with no package behind it, a
/// package the project does not reference, a source file the project does not compile.
/// </summary>
public partial class BoardProjectTests
{
    private const string BoardFolder = "firmware/RydBox.Box.Esp32";

    /// <summary>Which packages may supply each namespace the board layer imports (some namespaces span packages).</summary>
    private static readonly Dictionary<string, string[]> PackagesOfNamespace = new()
    {
        ["System"] = new[] { "nanoFramework.CoreLibrary", "nanoFramework.Runtime.Native" },
        ["System.Collections"] = new[] { "nanoFramework.CoreLibrary", "nanoFramework.System.Collections" },
        ["System.Diagnostics"] = new[] { "nanoFramework.CoreLibrary" },
        ["System.Reflection"] = new[] { "nanoFramework.CoreLibrary" },
        ["System.Threading"] = new[] { "nanoFramework.CoreLibrary", "nanoFramework.System.Threading" },
        ["System.IO"] = new[] { "nanoFramework.CoreLibrary", "nanoFramework.System.IO.FileSystem", "nanoFramework.System.IO.Streams" },
        ["System.IO.Ports"] = new[] { "nanoFramework.System.IO.Ports" },
        ["System.Device.Adc"] = new[] { "nanoFramework.System.Device.Adc" },
        ["System.Device.Gpio"] = new[] { "nanoFramework.System.Device.Gpio" },
        ["System.Device.Wifi"] = new[] { "nanoFramework.System.Device.Wifi" },
        ["System.Security.Cryptography.X509Certificates"] = new[] { "nanoFramework.System.Net" },
        ["nanoFramework.Hardware.Esp32"] = new[] { "nanoFramework.Hardware.Esp32" },
        ["nanoFramework.M2Mqtt"] = new[] { "nanoFramework.M2Mqtt" },
        ["nanoFramework.M2Mqtt.Messages"] = new[] { "nanoFramework.M2Mqtt" },
        ["nanoFramework.Networking"] = new[] { "nanoFramework.System.Device.Wifi", "nanoFramework.Networking.Sntp" },
        ["nanoFramework.Runtime.Native"] = new[] { "nanoFramework.Runtime.Native" },
    };

    private static readonly IReadOnlyDictionary<string, string> Packages = ReadPackagesConfig();

    [Fact]
    public void Every_imported_namespace_comes_from_a_listed_package()
    {
        var problems = new List<string>();
        foreach (string file in BoardSources())
        {
            foreach (Match using_ in UsingLine().Matches(File.ReadAllText(file)))
            {
                string ns = using_.Groups["ns"].Value;
                if (ns.StartsWith("RydBox.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!PackagesOfNamespace.TryGetValue(ns, out string[]? candidates))
                {
                    problems.Add(Path.GetFileName(file) + ": no known package for namespace " + ns);
                }
                else if (!candidates.Any(Packages.ContainsKey))
                {
                    problems.Add(Path.GetFileName(file) + ": " + ns + " needs one of " + string.Join(", ", candidates) + " in packages.config");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public void The_project_references_every_listed_package_at_its_listed_version()
    {
        var hintPaths = ProjectItems("Reference").Select(r => r.Element(r.Name.Namespace + "HintPath")?.Value ?? string.Empty).ToList();

        hintPaths.Should().NotBeEmpty();
        foreach (var (id, version) in Packages)
        {
            hintPaths.Should().Contain(h => h.StartsWith(@"packages\" + id + "." + version + @"\lib\", StringComparison.Ordinal),
                "packages.config lists {0} {1}", id, version);
        }

        foreach (string hint in hintPaths)
        {
            Packages.Any(p => hint.StartsWith(@"packages\" + p.Key + "." + p.Value + @"\", StringComparison.Ordinal))
                .Should().BeTrue("{0} must point into a package listed in packages.config", hint);
        }
    }

    [Fact]
    public void The_project_compiles_every_board_source_and_the_core_for_nanoFramework()
    {
        var includes = ProjectItems("Compile").Select(c => c.Attribute("Include")!.Value).ToList();
        string folder = RepositoryFiles.PathOf(BoardFolder);

        foreach (string file in BoardSources())
        {
            includes.Should().Contain(Path.GetRelativePath(folder, file).Replace('/', '\\'));
        }

        includes.Should().Contain(@"..\RydBox.Firmware.Core\**\*.cs");
        File.ReadAllText(Path.Combine(folder, "RydBox.Box.Esp32.nfproj")).Should().Contain("NANOFRAMEWORK");
    }

    [Fact]
    public void The_board_project_stays_out_of_the_solution()
    {
        RepositoryFiles.Read("RydBox.sln").Should().NotContain("RydBox.Box.Esp32", "dotnet cannot build .nfproj projects");
    }

    private static IEnumerable<string> BoardSources()
    {
        string folder = RepositoryFiles.PathOf(BoardFolder);
        return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                     && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    private static IEnumerable<XElement> ProjectItems(string kind)
    {
        var project = XDocument.Load(RepositoryFiles.PathOf(BoardFolder + "/RydBox.Box.Esp32.nfproj"));
        return project.Descendants().Where(e => e.Name.LocalName == kind);
    }

    private static IReadOnlyDictionary<string, string> ReadPackagesConfig()
    {
        var config = XDocument.Load(RepositoryFiles.PathOf(BoardFolder + "/packages.config"));
        return config.Descendants("package").ToDictionary(p => p.Attribute("id")!.Value, p => p.Attribute("version")!.Value);
    }

    [GeneratedRegex(@"^using\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
