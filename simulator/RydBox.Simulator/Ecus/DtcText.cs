using System.Globalization;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// Reads SAE J2012 code text ("P0301") into the two bytes an ECU sends, the inverse of the
/// firmware's DtcCode: system letter in the top two bits, first digit in the next two, then three hex digits.
/// </summary>
public static class DtcText
{
    private const string Systems = "PCBU";

    public static ushort Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        int system = code.Length == 5 ? Systems.IndexOf(char.ToUpperInvariant(code[0]), StringComparison.Ordinal) : -1;
        if (system < 0 || code[1] is < '0' or > '3'
            || !ushort.TryParse(code.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort rest))
        {
            throw new FormatException($"'{code}' is not a trouble code such as P0301 (P, C, B or U, a digit 0-3, three hex digits)");
        }

        return (ushort)((system << 14) | ((code[1] - '0') << 12) | rest);
    }
}
