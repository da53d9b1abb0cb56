using System.Text.RegularExpressions;

namespace RydBox.Firmware.Tests.HardwareDocs;

/// <summary>A GPIO assignment and where it was read.</summary>
internal sealed record PinAssignment(string Name, int Gpio, string Source);

/// <summary>Reads GPIO assignments from PinMap.cs and from the wiring tables of hardware-docs.</summary>
internal static partial class PinSources
{
    public const string PinMapFile = "firmware/RydBox.Box.Esp32/PinMap.cs";
    public const string DocsFolder = "hardware-docs";
    private const string ConstantColumn = "PinMap constant";
    private const string GpioColumn = "ESP32 GPIO";

    public static IReadOnlyList<PinAssignment> FromPinMap(string source)
    {
        return ConstantLine().Matches(source)
            .Select(m => new PinAssignment(m.Groups["name"].Value, int.Parse(m.Groups["gpio"].Value), PinMapFile))
            .ToList();
    }

    /// <summary>Rows of every Markdown table whose header has a PinMap constant and an ESP32 GPIO column.</summary>
    public static IReadOnlyList<PinAssignment> FromMarkdown(string markdown, string fileName)
    {
        var pins = new List<PinAssignment>();
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        int constantAt = -1, gpioAt = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                constantAt = gpioAt = -1;
                continue;
            }

            string[] cells = Cells(line);
            if (constantAt < 0)
            {
                constantAt = Array.IndexOf(cells, ConstantColumn);
                gpioAt = Array.IndexOf(cells, GpioColumn);
                if (constantAt < 0 || gpioAt < 0)
                {
                    constantAt = gpioAt = -1;
                    SkipTable(lines, ref i);
                }

                continue;
            }

            if (cells.All(c => c.Trim('-', ':').Length == 0))
            {
                continue;
            }

            string name = cells[constantAt].Trim('`');
            string where = fileName + " line " + (i + 1);
            int gpio = int.TryParse(cells[gpioAt], out int g) ? g : throw new FormatException(where + ": GPIO cell '" + cells[gpioAt] + "' is not a number");
            pins.Add(new PinAssignment(name, gpio, where));
        }

        return pins;
    }

    private static void SkipTable(string[] lines, ref int i)
    {
        while (i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith('|'))
        {
            i++;
        }
    }

    private static string[] Cells(string row) => row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [GeneratedRegex(@"public\s+const\s+int\s+(?<name>\w+)\s*=\s*(?<gpio>\d+)\s*;")]
    private static partial Regex ConstantLine();
}
